// Folding ranges from indentation (so they work while the text does not parse): blocks,
// comment runs and the import group.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/broken.aqua", "languageId": "aqua", "version": 1, "text": "-- one\n-- two\nfunc f(:\n    x <-\n        y\n"}}}
{"id": 3, "method": "textDocument/foldingRange", "params": {"textDocument": {"uri": "${ROOT}/broken.aqua"}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
