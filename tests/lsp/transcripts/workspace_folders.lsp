// Workspace folders: the server starts with folder libs/ only; workspace symbols come from it;
// adding the whole workspace and removing libs/ changes what workspace/symbol finds.
{"id": 1, "method": "initialize", "params": {"workspaceFolders": [{"uri": "${ROOT}/libs", "name": "libs"}], "capabilities": {"workspace": {"workspaceFolders": true}}}}
{"method": "initialized", "params": {}}
{"id": 2, "method": "workspace/symbol", "params": {"query": ""}}
{"method": "workspace/didChangeWorkspaceFolders", "params": {"event": {"added": [{"uri": "${ROOT}", "name": "all"}], "removed": [{"uri": "${ROOT}/libs", "name": "libs"}]}}}
{"id": 3, "method": "workspace/symbol", "params": {"query": "tw"}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
