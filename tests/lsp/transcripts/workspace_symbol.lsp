// Workspace symbols: declarations of every .aqua file under the workspace folder (open or not),
// matched by a case-insensitive subsequence; members carry their container; locals are left out.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"id": 2, "method": "workspace/symbol", "params": {"query": "tw"}}
{"id": 3, "method": "workspace/symbol", "params": {"query": "greet"}}
{"id": 4, "method": "workspace/symbol", "params": {"query": "zzz"}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
