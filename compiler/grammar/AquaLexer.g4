// Aqua tokens (aqua-language.md §1). Indentation is not in this grammar: AquaTokenSource
// (aqua_token_source.cpp) turns NL tokens into NEWLINE / INDENT / DEDENT by the string-prefix
// algorithm of §1.6 and drops line breaks inside brackets and after operators.
lexer grammar AquaLexer;

tokens { INDENT, DEDENT, NEWLINE }

// Keywords.
AQUA: 'aqua';
MODULE: 'module';
DECLARES: 'declares';
IMPORT: 'import';
USE: 'use';
FROM: 'from';
AS: 'as';
EXPORT: 'export';
DATA: 'data';
ALIAS: 'alias';
SERVICE: 'service';
ABILITY: 'ability';
CONST: 'const';
FUNC: 'func';
ON: 'on';
VIA: 'via';
FOR: 'for';
PAR: 'par';
TRY: 'try';
REC: 'rec';
CO: 'co';
JOIN: 'join';
PARSEQ: 'parseq';
IF: 'if';
ELSE: 'else';
OTHERWISE: 'otherwise';
CATCH: 'catch';
COPY: 'copy';
TRUE: 'true';
FALSE: 'false';
INIT_PEER_ID: '%init_peer_id%';

// Operators and punctuation (longest first).
PUSH: '<<-';
ARROW_LEFT: '<-';
ARROW_RIGHT: '->';
POW: '**';
AND: '&&';
OR: '||';
EQ: '==';
NEQ: '!=';
GTE: '>=';
LTE: '<=';
GT: '>';
LT: '<';
OPT_ASSIGN: '?=';
ASSIGN: '=';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
BANG: '!';
QUESTION: '?';
COLON: ':';
COMMA: ',';
DOT: '.';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
LBRACE: '{';
RBRACE: '}';
TOP: '⊤';
BOTTOM: '⊥';

FLOAT: [0-9]+ '.' [0-9]+;
INT: [0-9]+;
STRING: '"' ~'"'* '"';
LOWER: [a-z] [a-zA-Z0-9_]*;
UPPER: [A-Z] [a-zA-Z0-9_]*;

COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
NL: ('\r\n' | '\n\r' | '\n' | '\r') [ \t]*;
WS: [ \t]+ -> channel(HIDDEN);
// Anything else is one bad character: the parser reports it with its position.
ERROR_CHAR: .;
