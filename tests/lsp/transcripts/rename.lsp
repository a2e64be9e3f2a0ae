// Rename: prepareRename gives the range and placeholder; a local is renamed in its function; an
// imported function across files (lib.aqua, and the `L.twice` use keeps its prefix); names of
// the wrong case or clashing are refused, and so are stdlib declarations and `use` prefixes.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 12}}}
{"id": 3, "method": "textDocument/rename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 12}, "newName": "greeting"}}
{"id": 4, "method": "textDocument/rename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}, "newName": "double"}}
{"id": 5, "method": "textDocument/rename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 16, "character": 10}, "newName": "Double"}}
{"id": 6, "method": "textDocument/rename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 5, "character": 9}, "newName": "human"}}
{"id": 7, "method": "textDocument/rename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 12}, "newName": "n"}}
{"id": 8, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 17, "character": 9}}}
{"method": "textDocument/didChange", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "version": 2}, "contentChanges": [{"range": {"start": {"line": 18, "character": 0}, "end": {"line": 18, "character": 0}}, "text": "    c <- Peer.identify()\n"}]}}
{"id": 9, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 18, "character": 11}}}
{"id": 10, "method": "textDocument/rename", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 5, "character": 9}, "newName": "Human"}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
