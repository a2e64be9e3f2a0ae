// Placeholder: replaced by the full Aqua lexer grammar.
lexer grammar AquaLexer;
WS: [ \t\r\n]+ -> skip;
ID: [a-zA-Z_][a-zA-Z0-9_]*;
