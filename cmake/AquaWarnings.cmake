# Warning and sanitizer flags shared by every first-party target (not by generated ANTLR code).
add_library(aqua_warnings INTERFACE)
target_compile_options(aqua_warnings INTERFACE
  -Wall -Wextra -Wno-unused-parameter -Wnon-virtual-dtor -Wimplicit-fallthrough)
if(AQUA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# aqua_add_library(NAME DIR [DEPS ...] [INCLUDES ...] [OPTIONS ...]): a library of every .cpp in
# DIR (globbed, so adding a file needs no CMake edit), with the project include root, extra
# public include dirs, private compile options and warnings. A folder with no .cpp yet becomes
# an interface library so its dependents still link.
function(aqua_add_library name dir)
  cmake_parse_arguments(ARG "" "" "DEPS;INCLUDES;OPTIONS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS ${dir}/*.cpp)
  if(NOT _srcs)
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}> ${ARG_INCLUDES})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(${name} STATIC ${_srcs})
  target_include_directories(${name} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}> ${ARG_INCLUDES})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE aqua_warnings)
  if(ARG_OPTIONS)
    target_compile_options(${name} PRIVATE ${ARG_OPTIONS})
  endif()
endfunction()
