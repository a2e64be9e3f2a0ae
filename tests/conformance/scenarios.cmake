# Scenario conformance against the real AquaVM's recorded results (tests/tools/scenario_check.py):
#   conformance.air.<case>      shared/conformance/air: hand-written AIR on our interpreter
#   conformance.run_air.<case>  shared/conformance/run: the reference compiler's AIR on our interpreter
#   conformance.run.<case>      shared/conformance/run: the Aqua compiled by aquac, end to end
#   examples.reference.<name>   examples/*/reference.scenario.json, compiled by aquac
# A compiled case with a file in tests/conformance/deviations/ differs from the reference on
# purpose (a reference bug we do not reproduce): the test checks exactly that difference.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
function(aqua_add_scenario_tests prefix dir)
  cmake_parse_arguments(ARG "COMPILED" "" "" ${ARGN})
  file(GLOB _scenarios ${dir}/*.scenario.json)
  foreach(scenario ${_scenarios})
    get_filename_component(name ${scenario} NAME)
    string(REPLACE ".scenario.json" "" case ${name})
    set(_flags)
    if(ARG_COMPILED)
      set(_flags --compiled)
      set(_deviation ${CMAKE_CURRENT_LIST_DIR}/deviations/${case}.json)
      if(EXISTS ${_deviation})
        list(APPEND _flags --deviation ${_deviation})
      endif()
    endif()
    add_test(NAME ${prefix}.${case}
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tools/scenario_check.py
              --aquac $<TARGET_FILE:aquac> ${scenario} ${_flags})
  endforeach()
endfunction()

aqua_add_scenario_tests(conformance.air ${AQUA_SHARED_DIR}/conformance/air)
aqua_add_scenario_tests(conformance.run_air ${AQUA_SHARED_DIR}/conformance/run)
aqua_add_scenario_tests(conformance.run ${AQUA_SHARED_DIR}/conformance/run COMPILED)
