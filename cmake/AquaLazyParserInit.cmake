# Run as `cmake -DFILE=<generated parser .cpp> -DPARSER=<class> -P AquaLazyParserInit.cmake`.
# ANTLR 4.7's C++ target deserialises the parser's ATN in a static initialiser, in every process
# that links the parser (0.7 ms of each `aquac` start), although aquac parses with the descent
# parser and builds the generated one only to report syntax errors. This moves that work into
# the parser's constructor, done once (a function-local static is thread-safe).
file(READ "${FILE}" text)
set(static_init "${PARSER}::Initializer ${PARSER}::_init;")
set(constructor "${PARSER}::${PARSER}(TokenStream *input) : Parser(input) {")
string(FIND "${text}" "${static_init}" at_init)
string(FIND "${text}" "${constructor}" at_constructor)
if(at_init EQUAL -1 OR at_constructor EQUAL -1)
  message(FATAL_ERROR "AquaLazyParserInit: ${FILE} is not laid out as ANTLR 4.7 generates it; update this script")
endif()
string(REPLACE "${static_init}" "// ${PARSER}::_init: made on first construction (AquaLazyParserInit.cmake)" text "${text}")
string(REPLACE "${constructor}" "${constructor}\n  static Initializer once;\n  (void)once;" text "${text}")
file(WRITE "${FILE}" "${text}")
