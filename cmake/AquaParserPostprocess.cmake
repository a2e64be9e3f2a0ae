# Run as `cmake -DFILE=<generated parser .cpp> -DPARSER=<class> -P AquaParserPostprocess.cmake`.
# Two rewrites of the C++ that ANTLR 4.7 generates; each stops the build if the generated code no
# longer has the expected shape.
file(READ "${FILE}" text)

# 1. ANTLR 4.7's C++ target deserialises the parser's ATN in a static initialiser, in every
# process that links the parser (0.7 ms of each `aquac` start), although aquac parses with the
# descent parser and builds the generated one only to report syntax errors. This moves that work
# into the parser's constructor, done once (a function-local static is thread-safe).
set(static_init "${PARSER}::Initializer ${PARSER}::_init;")
set(constructor "${PARSER}::${PARSER}(TokenStream *input) : Parser(input) {")
string(FIND "${text}" "${static_init}" at_init)
string(FIND "${text}" "${constructor}" at_constructor)
if(at_init EQUAL -1 OR at_constructor EQUAL -1)
  message(FATAL_ERROR "AquaParserPostprocess: ${FILE} is not laid out as ANTLR 4.7 generates it; update this script")
endif()
string(REPLACE "${static_init}" "// ${PARSER}::_init: made on first construction (AquaParserPostprocess.cmake)" text "${text}")
string(REPLACE "${constructor}" "${constructor}\n  static Initializer once;\n  (void)once;" text "${text}")

# 2. The child accessors of the contexts (`expr(i)`, `NAME()`...) use compiler/grammar/tree_cast.h
# instead of the runtime's dynamic_cast per child.
set(accessor_patterns
  "return getRuleContext<([A-Za-z_:]+)>\\(" "return aqua::grammar::ruleChild<\\1>(this, "
  "return getRuleContexts<([A-Za-z_:]+)>\\(\\)" "return aqua::grammar::ruleChildren<\\1>(this)"
  "return getToken\\(" "return aqua::grammar::tokenChild(this, "
  "return getTokens\\(" "return aqua::grammar::tokenChildren(this, ")
list(LENGTH accessor_patterns count)
math(EXPR last "${count} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET accessor_patterns ${i} pattern)
  list(GET accessor_patterns ${j} replacement)
  string(REGEX MATCH "${pattern}" found "${text}")
  if(NOT found)
    message(FATAL_ERROR "AquaParserPostprocess: no accessor matches '${pattern}' in ${FILE}; update this script")
  endif()
  string(REGEX REPLACE "${pattern}" "${replacement}" text "${text}")
endforeach()
string(REGEX MATCH "getRuleContexts?<|getTokens?\\(" left "${text}")
if(left)
  message(FATAL_ERROR "AquaParserPostprocess: an accessor of ${FILE} was not rewritten ('${left}'); update this script")
endif()
set(first_include "#include \"${PARSER}.h\"")
string(FIND "${text}" "${first_include}" at_include)
if(at_include EQUAL -1)
  message(FATAL_ERROR "AquaParserPostprocess: ${FILE} does not include ${PARSER}.h; update this script")
endif()
string(REPLACE "${first_include}" "${first_include}\n#include \"compiler/grammar/tree_cast.h\"" text "${text}")

file(WRITE "${FILE}" "${text}")
