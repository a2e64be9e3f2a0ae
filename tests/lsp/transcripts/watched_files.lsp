// File watching: with dynamic registration the server registers a watcher for **/*.aqua on
// `initialized`. extra.aqua does not exist, so the import fails; once it is written on disk and
// the client reports the change, the error goes away; deleting it brings it back.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/watch.aqua", "languageId": "aqua", "version": 1, "text": "aqua Watch\n\nimport \"extra.aqua\"\n\nfunc f() -> string:\n    <- extra()\n"}}}
{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/watch.aqua"}, "position": {"line": 0, "character": 0}}}
{"write": "extra.aqua", "text": "aqua Extra declares *\n\nfunc extra() -> string:\n    <- \"x\"\n"}
{"method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "${ROOT}/extra.aqua", "type": 1}]}}
{"id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/watch.aqua"}, "position": {"line": 5, "character": 8}}}
{"delete": "extra.aqua"}
{"method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": "${ROOT}/extra.aqua", "type": 3}]}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
