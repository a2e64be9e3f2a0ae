// The outline: data types, services and abilities with their members (hierarchical client).
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua", "languageId": "aqua", "version": 1, "text": "@lib.aqua"}}}
{"id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
