// Find references: a local stays in its file; an imported service and function are found in
// every workspace file (lib.aqua's declaration included unless includeDeclaration is false).
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/references", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 12}, "context": {"includeDeclaration": true}}}
{"id": 3, "method": "textDocument/references", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}, "context": {"includeDeclaration": true}}}
{"id": 4, "method": "textDocument/references", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}, "context": {"includeDeclaration": false}}}
{"id": 5, "method": "textDocument/references", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 5, "character": 16}, "context": {"includeDeclaration": true}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
