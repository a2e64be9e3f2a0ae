// Semantic tokens of lib.aqua, full and for a range (keywords, types, names by what they are,
// declarations marked, strings, numbers, comments).
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua", "languageId": "aqua", "version": 1, "text": "@lib.aqua"}}}
{"id": 2, "method": "textDocument/semanticTokens/full", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}}}
{"id": 3, "method": "textDocument/semanticTokens/range", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}, "range": {"start": {"line": 15, "character": 0}, "end": {"line": 18, "character": 0}}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
