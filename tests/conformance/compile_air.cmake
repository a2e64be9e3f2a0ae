# conformance.compile_air.<case>: aquac compiles shared/conformance/compile/<case>.aqua and every
# exported function must be alpha-equivalent (tests/tools/air_equiv.py) to the reference AIR in
# <case>.expected.json. Only programs the reference compiles are registered.
set(_aqua_compile_corpus ${AQUA_SHARED_DIR}/conformance/compile)
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND AND EXISTS ${_aqua_compile_corpus} AND TARGET aquac)
  file(GLOB _cases ${_aqua_compile_corpus}/*.aqua)
  foreach(src ${_cases})
    get_filename_component(case ${src} NAME_WE)
    set(expected ${_aqua_compile_corpus}/${case}.expected.json)
    if(NOT EXISTS ${expected})
      continue()
    endif()
    file(READ ${expected} _json)
    string(JSON _nerr LENGTH "${_json}" errors)
    string(JSON _nfun LENGTH "${_json}" functions)
    if(NOT _nerr EQUAL 0 OR _nfun EQUAL 0)
      continue()
    endif()
    add_test(NAME conformance.compile_air.${case}
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tools/air_equiv.py
              --case ${src} --aquac $<TARGET_FILE:aquac>
              --out ${CMAKE_CURRENT_BINARY_DIR}/compile_air/${case}
              -I ${_aqua_compile_corpus})
  endforeach()
endif()
