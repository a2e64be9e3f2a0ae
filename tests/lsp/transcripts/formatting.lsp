// Formatting (aquac fmt's layout) as the smallest line edits; range formatting only touches the
// lines of the range; a document that does not parse is not formatted (an error, no edits).
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/f.aqua", "languageId": "aqua", "version": 1, "text": "aqua F\n\nfunc a( x:u32 )->u32:\n    <- x\n\nfunc b()->u32:\n  y=a( 1 )\n  <- y\n"}}}
{"id": 2, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "${ROOT}/f.aqua"}, "options": {"tabSize": 2, "insertSpaces": true}}}
{"id": 3, "method": "textDocument/rangeFormatting", "params": {"textDocument": {"uri": "${ROOT}/f.aqua"}, "range": {"start": {"line": 5, "character": 0}, "end": {"line": 7, "character": 0}}, "options": {"tabSize": 2, "insertSpaces": true}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/f.aqua", "version": 2}, "contentChanges": [{"text": "aqua F\n\nfunc a(:\n"}]}}
{"id": 4, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "${ROOT}/f.aqua"}, "options": {"tabSize": 2, "insertSpaces": true}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/f.aqua", "version": 3}, "contentChanges": [{"text": "aqua F\n\nfunc a() -> u32:\n  <- 1\n"}]}}
{"id": 5, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "${ROOT}/f.aqua"}, "options": {"tabSize": 2, "insertSpaces": true}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
