// Aqua syntax (aqua-language.md §2) over AquaLexer's tokens plus NEWLINE / INDENT / DEDENT.
parser grammar AquaParser;

options { tokenVocab = AquaLexer; }

file: NEWLINE* (topItem NEWLINE*)* EOF;

topItem
  : header NEWLINE
  | importDecl NEWLINE
  | useDecl NEWLINE
  | exportDecl NEWLINE
  | dataDef
  | aliasDef NEWLINE
  | serviceDef
  | abilityDef
  | constDef NEWLINE
  | funcDef
  ;

header: (AQUA | MODULE) dotted (DECLARES (STAR | anyName (COMMA anyName)*))?;
importDecl: IMPORT STRING | IMPORT itemAs (COMMA itemAs)* FROM STRING;
useDecl: USE STRING (AS UPPER)? | USE itemAs (COMMA itemAs)* FROM STRING (AS UPPER)?;
exportDecl: EXPORT itemAs (COMMA itemAs)*;
itemAs: dottedAny (AS anyName)?;
dotted: UPPER (DOT UPPER)*;
dottedAny: (UPPER DOT)* anyName;
anyName: lowerName | UPPER;
// Keywords are contextual: they can name functions, arguments, fields and variables.
lowerName: LOWER | AQUA | MODULE | DECLARES | IMPORT | USE | FROM | AS | EXPORT | DATA | ALIAS | SERVICE
         | ABILITY | CONST | FUNC | ON | VIA | FOR | PAR | TRY | REC | CO | JOIN | PARSEQ | IF | ELSE
         | OTHERWISE | CATCH | COPY;

dataDef: DATA UPPER COLON NEWLINE INDENT (fieldDecl NEWLINE)+ DEDENT;
fieldDecl: anyName COLON type;
aliasDef: ALIAS UPPER COLON type;
serviceDef: SERVICE UPPER (LPAREN expr RPAREN)? COLON NEWLINE INDENT (member NEWLINE)+ DEDENT;
abilityDef: ABILITY UPPER COLON NEWLINE INDENT (member NEWLINE)+ DEDENT;
member: anyName COLON type | anyName arrowSig;
constDef: CONST UPPER (ASSIGN | OPT_ASSIGN) expr;
funcDef: FUNC lowerName arrowSig COLON block;

// A single arrow result needs no parentheses: `-> string -> string` returns a `string -> string`.
arrowSig: abilities? LPAREN (param (COMMA param)*)? RPAREN (ARROW_RIGHT (arrowType | typeList))?;
abilities: LBRACE dotted (COMMA dotted)* RBRACE;
param: anyName COLON type;
typeList: typeOrParen (COMMA typeOrParen)*;
typeOrParen: basicType | LPAREN type RPAREN;

type: arrowType | basicType;
arrowType: abilities? (typeOrParen (COMMA typeOrParen)*)? ARROW_RIGHT (typeList | LPAREN RPAREN);
basicType
  : LBRACKET RBRACKET basicType   # arrayType
  | STAR basicType                # streamType
  | QUESTION basicType            # optionType
  | PERCENT basicType             # streamMapType
  | TOP                           # topType
  | BOTTOM                        # bottomType
  | LOWER                         # scalarType
  | dotted                        # namedType
  ;

block: NEWLINE INDENT stmt+ DEDENT;

stmt
  : simpleStmt NEWLINE
  | onStmt
  | forStmt
  | ifStmt
  | elseStmt
  | otherwiseStmt
  | tryStmt
  | catchStmt
  | parseqStmt
  | closureStmt
  | (PAR | CO) onStmt
  | (PAR | CO) forStmt
  ;

simpleStmt
  : ARROW_LEFT expr (COMMA expr)*                        # returnStmt
  | (PAR | CO) simpleStmt                                # parLineStmt
  | JOIN expr (COMMA expr)*                              # joinStmt
  | anyName PUSH expr (COMMA expr)?                      # pushStmt
  | anyName COLON type                                   # declStreamStmt
  | anyName ASSIGN expr                                  # assignStmt
  | names ARROW_LEFT expr                                # bindStmt
  | dotted expr                                          # serviceIdStmt
  | expr                                                 # callStmt
  ;

names: anyName (COMMA anyName)*;

onStmt: ON expr (VIA expr)* COLON block;
forStmt: FOR anyName (COMMA anyName)? ARROW_LEFT expr (PAR | TRY | REC)? COLON block;
ifStmt: IF expr COLON block;
elseStmt: ELSE COLON block;
otherwiseStmt: OTHERWISE COLON block;
tryStmt: TRY COLON block;
catchStmt: CATCH anyName COLON block;
parseqStmt: PARSEQ anyName ARROW_LEFT expr ON expr (VIA expr)* COLON block;
closureStmt: anyName ASSIGN FUNC? arrowSig COLON block;

expr
  : <assoc=right> expr POW expr                          # powExpr
  | expr (STAR | SLASH | PERCENT) expr                   # mulExpr
  | expr (PLUS | MINUS) expr                             # addExpr
  | expr (GT | GTE | LT | LTE) expr                      # cmpExpr
  | expr (EQ | NEQ) expr                                 # eqExpr
  | expr AND expr                                        # andExpr
  | expr OR expr                                         # orExpr
  | atom                                                 # atomExpr
  ;

atom: prim postfix*;

prim
  : literal                                              # literalPrim
  | INIT_PEER_ID                                         # initPeerPrim
  | (LBRACKET | QUESTION LBRACKET | STAR LBRACKET) (expr (COMMA expr)*)? RBRACKET  # collectionPrim
  | UPPER LPAREN (namedArg (COMMA namedArg)*)? RPAREN   # constructPrim
  | lowerName abilityArgs? LPAREN (expr (COMMA expr)*)? RPAREN  # callPrim
  | anyName                                              # namePrim
  | BANG atom                                            # notPrim
  | LPAREN expr RPAREN                                   # parenPrim
  ;

abilityArgs: LBRACE expr (COMMA expr)* RBRACE;
namedArg: anyName ASSIGN expr | anyName;

postfix
  : DOT COPY LPAREN (namedArg (COMMA namedArg)*)? RPAREN       # copyPost
  | DOT anyName abilityArgs? LPAREN (expr (COMMA expr)*)? RPAREN # methodPost
  | DOT UPPER LPAREN (namedArg (COMMA namedArg)*)? RPAREN      # qualifiedConstructPost
  | DOT anyName                                                # fieldPost
  | LBRACKET expr RBRACKET                                     # indexPost
  | BANG INT?                                                  # bangPost
  ;

literal: TRUE | FALSE | MINUS? INT | MINUS? FLOAT | STRING;
