// Diagnostics as you type: a valid file publishes none; an incremental edit introduces a type
// error (published with range, code and severity), another edit fixes it; a syntax error; closing
// the document clears its diagnostics.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua", "languageId": "aqua", "version": 1, "text": "aqua Scratch\n\nfunc add(a: u32, b: u32) -> u32:\n    <- a\n\nfunc main() -> u32:\n    x <- add(1, 2)\n    <- x\n"}}}
// Call add with a string: E2xxx type error on line 6.
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua", "version": 2}, "contentChanges": [{"range": {"start": {"line": 6, "character": 13}, "end": {"line": 6, "character": 14}}, "text": "\"one\""}]}}
// Fix it again.
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua", "version": 3}, "contentChanges": [{"range": {"start": {"line": 6, "character": 13}, "end": {"line": 6, "character": 18}}, "text": "1"}]}}
// An undefined name, then a syntax error (two edits in one notification).
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua", "version": 4}, "contentChanges": [{"range": {"start": {"line": 7, "character": 7}, "end": {"line": 7, "character": 8}}, "text": "y"}, {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 4}}, "text": "fnuc"}]}}
// A full-text change back to a valid program.
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua", "version": 5}, "contentChanges": [{"text": "aqua Scratch\n\nfunc one() -> u32:\n    <- 1\n"}]}}
// Redefinition: the error points at the second one, related information at the first.
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua", "version": 6}, "contentChanges": [{"range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}}, "text": "\nfunc one() -> u32:\n    <- 2\n"}]}}
{"method": "textDocument/didClose", "params": {"textDocument": {"uri": "${ROOT}/scratch.aqua"}}}
{"id": 2, "method": "shutdown"}
{"method": "exit"}
