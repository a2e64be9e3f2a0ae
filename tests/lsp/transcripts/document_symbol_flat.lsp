// The outline for a client without hierarchical symbols: a flat SymbolInformation list.
{"id": 1, "method": "initialize", "params": {"rootUri": "${ROOT}", "capabilities": {}}}
{"method": "initialized", "params": {}}
{"method": "textDocument/didOpen", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua", "languageId": "aqua", "version": 1, "text": "@lib.aqua"}}}
{"id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "${ROOT}/lib.aqua"}}}
{"id": 99, "method": "shutdown"}
{"method": "exit"}
