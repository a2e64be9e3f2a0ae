// exit without a shutdown request first ends the server with code 1 (LSP 3.17 "exit").
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "exit"}
