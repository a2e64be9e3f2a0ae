// Placeholder: replaced by the full Aqua parser grammar.
parser grammar AquaParser;
options { tokenVocab = AquaLexer; }
file: ID* EOF;
