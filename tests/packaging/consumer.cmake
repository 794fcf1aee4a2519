# Configures, builds and runs one of the consumer projects of tests/consumers/,
# in a fresh build directory, and checks what the program prints.
#   cmake -DNAME=installed|subdirectory|single_include -DSOURCE_DIR=... -DWORK_DIR=...
#         -DGENERATOR=... -DCXX_COMPILER=... -DVERSION=<project version>
#         [-DPREFIX=<installed copy>] -P consumer.cmake
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
foreach(var IN ITEMS NAME VERSION)
    if(NOT ${var})
        message(FATAL_ERROR "pass -D${var}=...")
    endif()
endforeach()

set(project_dir "${SOURCE_DIR}/tests/consumers/${NAME}")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")

if(NAME STREQUAL "installed")
    if(NOT PREFIX OR NOT EXISTS "${PREFIX}/share/cmake/ctql/ctqlConfig.cmake")
        message(FATAL_ERROR "pass -DPREFIX=<a prefix where ctql is installed> (the packaging_install test makes one)")
    endif()
    set(args "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DEXPECTED_CTQL_DIR=${PREFIX}/share/cmake/ctql")
elseif(NAME STREQUAL "subdirectory")
    set(args "-DCTQL_SOURCE_DIR=${SOURCE_DIR}")
elseif(NAME STREQUAL "single_include")
    # The generated headers alone, away from the source tree: nothing may reach include/.
    file(GLOB headers "${SOURCE_DIR}/single_include/ctql/*.hpp")
    if(NOT headers)
        message(FATAL_ERROR "FAIL: ${SOURCE_DIR}/single_include/ctql/ holds no header; run python3 scripts/amalgamate.py")
    endif()
    file(COPY ${headers} DESTINATION "${WORK_DIR}/headers/ctql")
    set(args "-DCTQL_SINGLE_INCLUDE_DIR=${WORK_DIR}/headers")
else()
    message(FATAL_ERROR "unknown consumer ${NAME} (installed, subdirectory, single_include)")
endif()

ctql_run("configure the ${NAME} consumer" "${CMAKE_COMMAND}" -S "${project_dir}" -B "${build}" ${ctql_toolchain_args} ${args})
ctql_run("build the ${NAME} consumer" "${CMAKE_COMMAND}" --build "${build}")

set(program "${build}/consumer")
if(NOT EXISTS "${program}" AND EXISTS "${build}/Debug/consumer")
    set(program "${build}/Debug/consumer")
endif()
ctql_run("run the ${NAME} consumer" "${program}")
string(STRIP "${ctql_output}" printed)
message(STATUS "it printed: ${printed}")
string(FIND "${ctql_output}" "${NAME} consumer: ctql ${VERSION}," position)
if(position EQUAL -1)
    message(FATAL_ERROR "FAIL: the ${NAME} consumer did not report ctql ${VERSION}")
endif()
message("PASS: the ${NAME} consumer builds and runs")
