// Cancellation: a request cancelled while it waits in the queue is answered with
// RequestCancelled (-32800); cancelling an unknown or answered request does nothing.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 12}}}
{"method": "$/cancelRequest", "params": {"id": 2}}
{"id": "s3", "method": "workspace/symbol", "params": {"query": "x"}}
{"method": "$/cancelRequest", "params": {"id": "s3"}}
{"method": "$/cancelRequest", "params": {"id": 12345}}
{"id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "${ROOT}/main.aqua"}, "position": {"line": 13, "character": 12}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
