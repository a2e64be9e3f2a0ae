// Completion: names in scope (locals before the cursor, this file's declarations, imported
// names), keywords, builtin types and snippets; members after `.` of a data value, a service and
// a `use` prefix, answered while the line being typed does not parse; import paths in quotes.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "languageId": "aqua", "version": 1, "text": "aqua Comp declares *\n\nimport Person, Greeter from \"lib.aqua\"\nuse \"lib.aqua\" as L\n\nfunc f(p: Person, count: u32) -> string:\n    name = p.name\n    res <- Greeter.greet(p)\n    <- res\n"}}}
{"id": 2, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 8, "character": 4}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "version": 2}, "contentChanges": [{"range": {"start": {"line": 6, "character": 13}, "end": {"line": 6, "character": 17}}, "text": ""}]}}
{"id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 6, "character": 13}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "version": 3}, "contentChanges": [{"range": {"start": {"line": 6, "character": 13}, "end": {"line": 6, "character": 13}}, "text": "a"}]}}
{"id": 4, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 6, "character": 14}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "version": 4}, "contentChanges": [{"range": {"start": {"line": 7, "character": 19}, "end": {"line": 7, "character": 25}}, "text": ""}]}}
{"id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 7, "character": 19}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "version": 5}, "contentChanges": [{"range": {"start": {"line": 6, "character": 11}, "end": {"line": 6, "character": 14}}, "text": "L."}]}}
{"id": 6, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 6, "character": 13}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "version": 6}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 38}}, "text": "import \""}]}}
{"id": 7, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 2, "character": 8}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "version": 7}, "contentChanges": [{"range": {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 8}}, "text": "@fluencelabs/aqua-lib/"}]}}
{"id": 8, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 2, "character": 30}}}
{"id": 9, "method": "textDocument/completion", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 0, "character": 3}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
