// Positions are UTF-16 code units by default: on a line with é (1 unit, 2 bytes) and 😀 (2 units,
// 4 bytes), hover, highlight and an incremental edit after them land on the right names.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/u.aqua", "languageId": "aqua", "version": 1, "text": "aqua U declares *\n\nimport \"@fluencelabs/aqua-lib/builtin.aqua\"\n\nfunc f() -> string:\n    a = \"é😀\"\n    b <- Op.concat_strings(\"😀é\", a)\n    <- b\n"}}}
{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/u.aqua"}, "position": {"line": 6, "character": 34}}}
{"id": 3, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "${ROOT}/u.aqua"}, "position": {"line": 5, "character": 4}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/u.aqua", "version": 2}, "contentChanges": [{"range": {"start": {"line": 6, "character": 34}, "end": {"line": 6, "character": 35}}, "text": "zz"}]}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
