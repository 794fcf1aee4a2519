# Fixture of the packaging tests: installs the source tree the way a user would
# (configure with its tests off, `cmake --install` into WORK_DIR/prefix), then
# checks what was installed:
#   include/ctql/     every header, unchanged
#   share/cmake/ctql/ the package (arch-independent: nothing goes to lib/),
#                     with the version file and a targets file per component
#   share/doc/ctql/   LICENSE, CHANGELOG.md, README.md
# that the version file accepts the same MAJOR.MINOR only, and that configuring
# with the tests on but a backend off says how to leave the tests out.
#   cmake -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=... -DVERSION=<project version> -P install.cmake
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
if(NOT VERSION)
    message(FATAL_ERROR "pass -DVERSION=<the project's version>")
endif()

set(build "${WORK_DIR}/build")
set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")

ctql_run("configure ctql with its tests and examples off"
    "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${build}" ${ctql_toolchain_args}
    -DCTQL_BUILD_TESTS=OFF -DCTQL_BUILD_EXAMPLES=OFF
    -DCTQL_WITH_SQLITE=ON -DCTQL_WITH_POSTGRES=ON
    "-DCMAKE_INSTALL_PREFIX=${prefix}")
ctql_run("build" "${CMAKE_COMMAND}" --build "${build}")
ctql_run("install" "${CMAKE_COMMAND}" --install "${build}")

ctql_expect_only_under("${prefix}" include/ctql share/cmake/ctql share/doc/ctql)
ctql_expect_same_tree("${SOURCE_DIR}/include" "${prefix}/include" "*.hpp")
ctql_expect_files("${prefix}/share/cmake/ctql"
    ctqlConfig.cmake ctqlConfigVersion.cmake ctqlTargets.cmake
    ctql_sqliteTargets.cmake ctql_postgresTargets.cmake ctql_engineTargets.cmake)
foreach(document IN ITEMS LICENSE CHANGELOG.md README.md)
    ctql_expect_same_file("${SOURCE_DIR}/${document}" "${prefix}/share/doc/ctql/${document}")
endforeach()

# The version file, as find_package(ctql <requested>) reads it.
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)\\.([0-9]+)$" _ "${VERSION}")
set(major ${CMAKE_MATCH_1})
set(minor ${CMAKE_MATCH_2})
math(EXPR next_minor "${minor} + 1")
math(EXPR next_major "${major} + 1")
foreach(case IN ITEMS "${major}.${minor}=TRUE" "${VERSION}=TRUE" "${major}.${next_minor}=FALSE" "${next_major}.0=FALSE")
    string(REPLACE "=" ";" case "${case}")
    list(GET case 0 requested)
    list(GET case 1 expected)
    set(PACKAGE_FIND_VERSION "${requested}")
    string(REPLACE "." ";" parts "${requested}.0.0")
    list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
    list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
    list(GET parts 2 PACKAGE_FIND_VERSION_PATCH)
    set(PACKAGE_FIND_VERSION_RANGE FALSE)
    unset(PACKAGE_VERSION_COMPATIBLE)
    include("${prefix}/share/cmake/ctql/ctqlConfigVersion.cmake")
    if(NOT PACKAGE_VERSION STREQUAL VERSION)
        message(FATAL_ERROR "FAIL: ctqlConfigVersion.cmake says ${PACKAGE_VERSION}, the project is ${VERSION}")
    endif()
    if((expected AND NOT PACKAGE_VERSION_COMPATIBLE) OR (NOT expected AND PACKAGE_VERSION_COMPATIBLE))
        message(FATAL_ERROR "FAIL: find_package(ctql ${requested}) against ${VERSION}: "
                            "compatible is ${PACKAGE_VERSION_COMPATIBLE}, expected ${expected}")
    endif()
endforeach()
message(STATUS "ok: version ${VERSION}; find_package(ctql ${major}.${minor}) accepts it, ${major}.${next_minor} and ${next_major}.0 do not")

# Configuring ctql alone with its tests on but a backend left out stops, saying
# how to build without the tests instead.
execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/without-postgres" ${ctql_toolchain_args}
            -DCTQL_BUILD_TESTS=ON -DCTQL_WITH_POSTGRES=OFF
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
string(REGEX REPLACE "[ \t\r\n]+" " " output "${output}")
string(FIND "${output}" "-DCTQL_BUILD_TESTS=OFF -DCTQL_BUILD_EXAMPLES=OFF" hint)
if(result EQUAL 0 OR hint EQUAL -1)
    message(FATAL_ERROR "FAIL: configuring with tests on and CTQL_WITH_POSTGRES=OFF should stop and name "
                        "-DCTQL_BUILD_TESTS=OFF -DCTQL_BUILD_EXAMPLES=OFF; it printed:\n${output}")
endif()
message(STATUS "ok: with tests on and no postgres backend, configuring stops and says how to turn the tests off")

message("PASS: ctql installed into ${prefix} with the expected layout")
