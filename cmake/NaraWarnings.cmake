# Warnings for Nära's own code only (dependencies are compiled without them).
add_library(nara_warnings INTERFACE)
target_compile_options(nara_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(nara_warnings INTERFACE -Wmisleading-indentation -Wduplicated-cond
    -Wduplicated-branches -Wlogical-op)
endif()
