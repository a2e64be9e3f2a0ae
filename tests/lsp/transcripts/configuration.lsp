// Configuration: uses_shared.aqua imports "shared.aqua", found only in the import directory
// libs/. Without it the import fails; workspace/didChangeConfiguration with aqua.importDirs
// (relative to the workspace folder) makes it resolve and the error goes away; taking it away
// brings the error back. initializationOptions are read the same way (configuration_init).
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/uses_shared.aqua", "languageId": "aqua", "version": 1, "text": "@uses_shared.aqua"}}}
{"method": "workspace/didChangeConfiguration", "params": {"settings": {"aqua": {"importDirs": ["libs"]}}}}
{"id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "${ROOT}/uses_shared.aqua"}, "position": {"line": 5, "character": 10}}}
{"method": "workspace/didChangeConfiguration", "params": {"settings": {"aqua": {"importDirs": []}}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
