# nara_module(NAME DEPS dep...): one library target per folder under src/.
#
# Sources are the folder's *.cpp files except *_test.cpp and *_fuzzer.cpp. The module may only
# use the modules named in DEPS (plus what they export): an include of any other module fails to
# build, because only the listed targets' include paths and links are visible. Tests beside the
# code (*_test.cpp) become one GoogleTest executable, nara_<name>_tests.
function(nara_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  list(FILTER sources EXCLUDE REGEX ".*_(test|fuzzer)\\.cpp$")
  add_library(nara_${name} STATIC ${sources})
  add_library(nara::${name} ALIAS nara_${name})
  # Includes are written as "module/file.hpp": expose this folder's parent only through a
  # per-module staging directory so that other modules are not reachable by accident.
  set(stage ${CMAKE_BINARY_DIR}/include_stage/${name})
  file(MAKE_DIRECTORY ${stage})
  if(NOT EXISTS ${stage}/${name})
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${stage}/${name} SYMBOLIC)
  endif()
  target_include_directories(nara_${name} PUBLIC ${stage})
  target_link_libraries(nara_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS} nara_warnings)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  if(NARA_BUILD_TESTS AND tests)
    add_executable(nara_${name}_tests ${tests})
    target_link_libraries(nara_${name}_tests PRIVATE nara_${name} nara_warnings
      GTest::gtest GTest::gtest_main GTest::gmock)
    target_compile_definitions(nara_${name}_tests PRIVATE
      NARA_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    gtest_discover_tests(nara_${name}_tests DISCOVERY_MODE PRE_TEST
      PROPERTIES LABELS "unit;${name}")
  endif()
endfunction()
