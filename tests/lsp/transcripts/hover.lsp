// Hover shows what a name is, with its doc comment: a parameter, a local with an inferred
// type, a data type with its fields, a service with its functions, a service function, an
// imported function (doc from lib.aqua), a constant, a `use` prefix; a keyword shows nothing.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 12, "character": 20}}}
{"id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 13}}}
{"id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 9, "character": 26}}}
{"id": 5, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 15, "character": 12}}}
{"id": 6, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 15, "character": 19}}}
{"id": 7, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}}}
{"id": 8, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 17, "character": 9}}}
{"id": 9, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 11, "character": 5}}}
{"id": 10, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 12, "character": 14}}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua", "languageId": "aqua", "version": 1, "text": "@lib.aqua"}}}
{"id": 11, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}, "position": {"line": 12, "character": 7}}}
{"id": 12, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}, "position": {"line": 16, "character": 4}}}
{"id": 13, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}, "position": {"line": 4, "character": 5}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
