// Requests before initialize are refused; initialize announces every capability; unknown
// methods are not found; after shutdown only exit is accepted, and exit then ends with code 0.
{"id": 0, "method": "textDocument/hover", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/main.aqua", "languageId": "aqua", "version": 1, "text": "@main.aqua"}}}
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"id": 2, "method": "initialize", "params": {"capabilities": {}}}
{"id": 3, "method": "textDocument/unknownThing", "params": {}}
{"method": "$/setTrace", "params": {"value": "off"}}
{"method": "some/unknownNotification", "params": {}}
{"id": "string-id", "method": "shutdown"}
{"id": 5, "method": "textDocument/hover", "params": {}}
{"method": "exit"}
