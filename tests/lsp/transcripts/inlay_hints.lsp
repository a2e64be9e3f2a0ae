// Inlay hints show the inferred types of names bound without one (`x <- f()`, `for p <- xs`),
// only within the requested range; closures show none (their signature is written).
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/inlayHint", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}}}}
{"id": 3, "method": "textDocument/inlayHint", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "range": {"start": {"line": 15, "character": 0}, "end": {"line": 16, "character": 0}}}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/closure.aqua", "languageId": "aqua", "version": 1, "text": "aqua C\n\nfunc f() -> u32:\n    add = (a: u32) -> u32:\n        <- a\n    r <- add(1)\n    <- r\n"}}}
{"id": 4, "method": "textDocument/inlayHint", "params": {"textDocument": {"uri": "${ROOT}/closure.aqua"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
