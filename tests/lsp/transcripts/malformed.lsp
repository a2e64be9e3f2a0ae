// Bad messages get JSON-RPC errors and the server goes on: invalid JSON, no Content-Length,
// a non-object, an id of the wrong type, missing or malformed params, a document never opened.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"raw": "Content-Length: 9\r\n\r\n{\"id\": 1"}
{"raw": "X-Header: 1\r\n\r\n"}
[1, 2, 3]
{"id": {"nested": true}, "method": "textDocument/hover", "params": {}}
{"id": 10, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 0, "character": 0}}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 11, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}}}
{"id": 12, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": -1, "character": "x"}}}
{"id": 13, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 100000, "character": 100000}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0}}, "text": "x"}]}}
{"id": 14, "method": "textDocument/semanticTokens/range", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}}}
{"id": 15, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///nowhere/x.aqua"}, "position": {"line": 0, "character": 0}}}
{"id": 16, "method": "shutdown"}
{"method": "exit"}
