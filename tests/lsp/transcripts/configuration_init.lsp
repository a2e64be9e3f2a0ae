// importDirs from initializationOptions.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}, "initializationOptions": {"importDirs": ["libs"]}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/uses_shared.aqua", "languageId": "aqua", "version": 1, "text": "@uses_shared.aqua"}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
