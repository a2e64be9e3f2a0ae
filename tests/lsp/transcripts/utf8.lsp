// A client offering UTF-8 positions gets them: characters are bytes.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/u.aqua", "languageId": "aqua", "version": 1, "text": "aqua U declares *\n\nimport \"@fluencelabs/aqua-lib/builtin.aqua\"\n\nfunc f() -> string:\n    a = \"é😀\"\n    b <- Op.concat_strings(\"😀é\", a)\n    <- b\n"}}}
{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/u.aqua"}, "position": {"line": 6, "character": 37}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
