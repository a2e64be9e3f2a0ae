// Signature help inside calls: a service function, an imported function (with its doc), the
// active parameter after commas, a struct construction, and nothing outside a call.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua", "languageId": "aqua", "version": 1, "text": "aqua Comp declares *\n\nimport Person, Greeter, twice from \"lib.aqua\"\n\nfunc f(a: u32, b: u32) -> u32:\n    <- a\n\nfunc g(p: Person) -> u32:\n    s <- Greeter.greet(p)\n    n <- twice(f(1, 2))\n    q = Person(name = s, age = n)\n    <- q.age\n"}}}
{"id": 2, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 8, "character": 23}}}
{"id": 3, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 9, "character": 15}}}
{"id": 4, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 9, "character": 17}}}
{"id": 5, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 9, "character": 20}}}
{"id": 6, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 10, "character": 30}}}
{"id": 7, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "${ROOT}/comp.aqua"}, "position": {"line": 11, "character": 8}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
