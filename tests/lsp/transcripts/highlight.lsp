// Document highlight: the declaration of a local is a write, its uses are reads.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 10, "character": 6}}}
{"id": 3, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 12, "character": 12}}}
{"id": 4, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 3, "character": 2}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
