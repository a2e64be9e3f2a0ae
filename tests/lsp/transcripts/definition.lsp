// Go to definition and declaration: a local, a parameter, a type and a function imported from
// lib.aqua (the location is in lib.aqua), a stdlib service; nothing under a keyword.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 14, "character": 25}}}
{"id": 3, "method": "textDocument/declaration", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 11, "character": 8}}}
{"id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 9, "character": 26}}}
{"id": 5, "method": "textDocument/definition", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}}}
{"id": 6, "method": "textDocument/declaration", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}}}
{"id": 7, "method": "textDocument/definition", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 17, "character": 12}}}
{"id": 8, "method": "textDocument/definition", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 11, "character": 5}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
