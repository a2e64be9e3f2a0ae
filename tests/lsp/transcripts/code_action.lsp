// Code actions: the checker's fix-its become quick fixes for the diagnostics in the range (a
// misspelled name gets its suggestion); a range without fix-its gets none.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/ca.aqua", "languageId": "aqua", "version": 1, "text": "aqua CA\n\nfunc f(value: u32) -> u32:\n  <- valeu\n"}}}
{"id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "${ROOT}/ca.aqua"}, "range": {"start": {"line": 3, "character": 5}, "end": {"line": 3, "character": 5}}, "context": {"diagnostics": []}}}
{"id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "${ROOT}/ca.aqua"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}}
{"id": 4, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "${ROOT}/ca.aqua"}, "range": {"start": {"line": 3, "character": 5}, "end": {"line": 3, "character": 5}}, "context": {"diagnostics": [], "only": ["refactor"]}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
