# golden.lower.<case>: the AIR aquac emits for tests/golden/lower/<case>.aqua equals <case>.air
# (regenerate after review: tests/tools/golden_lower.py --aquac BIN --update).
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND AND TARGET aquac)
  file(GLOB _lower_cases ${CMAKE_CURRENT_SOURCE_DIR}/lower/*.aqua)
  foreach(src ${_lower_cases})
    get_filename_component(case ${src} NAME_WE)
    add_test(NAME golden.lower.${case}
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tools/golden_lower.py
              --aquac $<TARGET_FILE:aquac> ${src})
  endforeach()
endif()
