# Third-party dependencies, all from Debian packages (scripts/install-deps.sh installs them).
find_package(fmt REQUIRED)
find_package(antlr4-runtime CONFIG REQUIRED)
find_package(LLVM 14 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
if(AQUA_BUILD_TESTS)
  find_package(Catch2 REQUIRED)
  include(Catch)
endif()
find_program(ANTLR4_TOOL antlr4 REQUIRED)

# Only the static Support component: start-up stays at a few milliseconds.
add_library(aqua_llvm_support INTERFACE)
target_include_directories(aqua_llvm_support SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS})
separate_arguments(_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(aqua_llvm_support INTERFACE ${_llvm_defs})
target_link_libraries(aqua_llvm_support INTERFACE ${LLVM_LIBRARY_DIR}/libLLVMSupport.a)
find_library(AQUA_TINFO tinfo)
find_package(Threads REQUIRED)
find_package(ZLIB)
target_link_libraries(aqua_llvm_support INTERFACE Threads::Threads ${CMAKE_DL_LIBS})
if(AQUA_TINFO)
  target_link_libraries(aqua_llvm_support INTERFACE ${AQUA_TINFO})
endif()

add_library(aqua_antlr_runtime INTERFACE)
target_include_directories(aqua_antlr_runtime SYSTEM INTERFACE /usr/include/antlr4-runtime)
# The static runtime: no dynamic relocation of its thousands of symbols at every start.
target_link_libraries(aqua_antlr_runtime INTERFACE antlr4_static)

# aqua_antlr_generate(OUT_VAR LEXER_G4 PARSER_G4): runs the ANTLR tool (4.7.2) into the build
# directory; Debian's antlr4_generate() helper is broken, so this is our own command.
function(aqua_antlr_generate out lexer parser)
  set(_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  get_filename_component(_lexname ${lexer} NAME_WE)
  get_filename_component(_parname ${parser} NAME_WE)
  set(_outs ${_dir}/${_lexname}.cpp ${_dir}/${_lexname}.h ${_dir}/${_parname}.cpp ${_dir}/${_parname}.h
            ${_dir}/${_parname}BaseVisitor.h ${_dir}/${_parname}Visitor.h
            ${_dir}/${_parname}BaseVisitor.cpp ${_dir}/${_parname}Visitor.cpp)
  add_custom_command(
    OUTPUT ${_outs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${ANTLR4_TOOL} -Werror -Dlanguage=Cpp -visitor -no-listener -package aqua::grammar
            -o ${_dir} -Xexact-output-dir ${lexer}
    COMMAND ${ANTLR4_TOOL} -Werror -Dlanguage=Cpp -visitor -no-listener -package aqua::grammar
            -o ${_dir} -Xexact-output-dir -lib ${_dir} ${parser}
    COMMAND ${CMAKE_COMMAND} -DFILE=${_dir}/${_parname}.cpp -DPARSER=${_parname}
            -P ${PROJECT_SOURCE_DIR}/cmake/AquaParserPostprocess.cmake
    DEPENDS ${lexer} ${parser} ${PROJECT_SOURCE_DIR}/cmake/AquaParserPostprocess.cmake
    COMMENT "ANTLR: generating ${_lexname} and ${_parname}"
    VERBATIM)
  set(${out} ${_outs} PARENT_SCOPE)
endfunction()
