# conformance.check.<case>: every program of shared/conformance/compile checks clean when the
# reference compiles it, and fails with an error on a reference error line when it does not
# (tests/tools/check_case.py). conformance.check_next.<case>: 0.14.9+ programs check clean.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
file(GLOB _check_cases ${AQUA_SHARED_DIR}/conformance/compile/*.aqua)
foreach(src ${_check_cases})
  get_filename_component(case ${src} NAME_WE)
  add_test(NAME conformance.check.${case}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tools/check_case.py --aquac $<TARGET_FILE:aquac> ${src})
endforeach()
file(GLOB _next_cases ${AQUA_SHARED_DIR}/conformance/compile-next/*.aqua)
foreach(src ${_next_cases})
  get_filename_component(case ${src} NAME_WE)
  add_test(NAME conformance.check_next.${case}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tools/check_case.py --aquac $<TARGET_FILE:aquac> ${src})
endforeach()
