# Runs ports/ctql/portfile.cmake without vcpkg (which is not installed, and
# would download): the vcpkg helpers it calls are defined below, doing what
# vcpkg's do to a header-only, release-only port, and the CMake steps among
# them (configure with the options the port passes, build, install) really run,
# on this source tree, into WORK_DIR/<features>/packages. Then checks:
#   - vcpkg.json: the project's version, and the features the portfile maps;
#   - configuring with the port's options warns of no unused variable;
#   - the package layout vcpkg expects: include/ctql/, share/ctql/ with the CMake
#     package moved there, copyright (the LICENSE) and usage; no lib/, bin/, debug/,
#     share/cmake/ or share/doc/; a targets file for each component of the features;
#   - find_package(ctql) works from that layout (the configure-only probe), and a
#     component the features left out fails with the reason.
#   cmake -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DCXX_COMPILER=... -DVERSION=... -P vcpkg_port.cmake
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/probe.cmake")
if(NOT VERSION)
    message(FATAL_ERROR "pass -DVERSION=<the project's version>")
endif()

set(port_dir "${SOURCE_DIR}/ports/ctql")
file(REMOVE_RECURSE "${WORK_DIR}")

# --- vcpkg.json ----------------------------------------------------------------------
file(READ "${port_dir}/vcpkg.json" manifest)
string(JSON port_name GET "${manifest}" name)
string(JSON port_version GET "${manifest}" version)
string(JSON port_license GET "${manifest}" license)
if(NOT port_name STREQUAL "ctql" OR NOT port_version STREQUAL VERSION OR NOT port_license STREQUAL "MIT")
    message(FATAL_ERROR "FAIL: vcpkg.json names ${port_name} ${port_version} (${port_license}); "
                        "expected ctql ${VERSION} (MIT): keep it equal to project() in CMakeLists.txt")
endif()
string(JSON feature_count LENGTH "${manifest}" features)
set(manifest_features "")
math(EXPR last "${feature_count} - 1")
foreach(index RANGE ${last})
    string(JSON feature MEMBER "${manifest}" features ${index})
    list(APPEND manifest_features ${feature})
endforeach()
list(SORT manifest_features)
message(STATUS "ok: vcpkg.json: ctql ${port_version}, features ${manifest_features}")

# --- the vcpkg helpers the portfile calls ----------------------------------------------
function(vcpkg_check_features)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUT_FEATURE_OPTIONS" "FEATURES;INVERTED_FEATURES")
    set(options "")
    set(mapped "")
    list(LENGTH arg_FEATURES length)
    math(EXPR last "${length} - 1")
    foreach(index RANGE 0 ${last} 2)
        math(EXPR next "${index} + 1")
        list(GET arg_FEATURES ${index} feature)
        list(GET arg_FEATURES ${next} option)
        list(APPEND mapped ${feature})
        if(feature IN_LIST FEATURES)
            list(APPEND options "-D${option}=ON")
        else()
            list(APPEND options "-D${option}=OFF")
        endif()
    endforeach()
    list(SORT mapped)
    set(${arg_OUT_FEATURE_OPTIONS} "${options}" PARENT_SCOPE)
    set(port_mapped_features "${mapped}" PARENT_SCOPE)
endfunction()

function(vcpkg_cmake_configure)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "SOURCE_PATH" "OPTIONS;OPTIONS_RELEASE;OPTIONS_DEBUG")
    if(NOT VCPKG_BUILD_TYPE STREQUAL "release")
        message(FATAL_ERROR "FAIL: the port must set VCPKG_BUILD_TYPE to release: ctql is header-only")
    endif()
    ctql_run("vcpkg_cmake_configure: configure with the port's options"
        "${CMAKE_COMMAND}" -S "${arg_SOURCE_PATH}" -B "${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel"
        ${ctql_toolchain_args} -DCMAKE_BUILD_TYPE=Release "-DCMAKE_INSTALL_PREFIX=${CURRENT_PACKAGES_DIR}"
        ${arg_OPTIONS} ${arg_OPTIONS_RELEASE})
    # vcpkg reports variables a port passes that the project never reads.
    string(FIND "${ctql_output}" "Manually-specified variables were not used" unused)
    if(NOT unused EQUAL -1)
        message("${ctql_output}")
        message(FATAL_ERROR "FAIL: the port passes options the project does not use")
    endif()
endfunction()

function(vcpkg_cmake_install)
    set(build "${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel")
    ctql_run("vcpkg_cmake_install: build" "${CMAKE_COMMAND}" --build "${build}")
    ctql_run("vcpkg_cmake_install: install" "${CMAKE_COMMAND}" --install "${build}")
endfunction()

# What vcpkg's does for a release-only package: move CONFIG_PATH to share/<port>,
# drop its parent when that is named cmake, and make the paths relative to the
# new place (the package is two levels below the prefix there).
function(vcpkg_cmake_config_fixup)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "PACKAGE_NAME;CONFIG_PATH" "")
    if(NOT arg_PACKAGE_NAME)
        set(arg_PACKAGE_NAME "${PORT}")
    endif()
    set(target "${CURRENT_PACKAGES_DIR}/share/${arg_PACKAGE_NAME}")
    set(config "${CURRENT_PACKAGES_DIR}/${arg_CONFIG_PATH}")
    if(NOT EXISTS "${config}/${arg_PACKAGE_NAME}Config.cmake")
        message(FATAL_ERROR "FAIL: vcpkg_cmake_config_fixup(CONFIG_PATH ${arg_CONFIG_PATH}): "
                            "the install put no ${arg_PACKAGE_NAME}Config.cmake in ${config}")
    endif()
    if(NOT arg_CONFIG_PATH STREQUAL "share/${arg_PACKAGE_NAME}")
        file(GLOB files "${config}/*")
        file(COPY ${files} DESTINATION "${target}")
        file(REMOVE_RECURSE "${config}")
        get_filename_component(parent "${config}" DIRECTORY)
        get_filename_component(parent_name "${parent}" NAME)
        if(parent_name STREQUAL "cmake")
            file(REMOVE_RECURSE "${parent}")
        endif()
    endif()
    file(GLOB_RECURSE cmake_files "${target}/*.cmake")
    foreach(cmake_file IN LISTS cmake_files)
        file(READ "${cmake_file}" contents)
        string(REGEX REPLACE
[[get_filename_component\(_IMPORT_PREFIX "\${CMAKE_CURRENT_LIST_FILE}" PATH\)(
get_filename_component\(_IMPORT_PREFIX "\${_IMPORT_PREFIX}" PATH\))*]]
[[get_filename_component(_IMPORT_PREFIX "${CMAKE_CURRENT_LIST_FILE}" PATH)
get_filename_component(_IMPORT_PREFIX "${_IMPORT_PREFIX}" PATH)
get_filename_component(_IMPORT_PREFIX "${_IMPORT_PREFIX}" PATH)]]
            contents "${contents}")
        string(REGEX REPLACE
            [[get_filename_component\(PACKAGE_PREFIX_DIR "\${CMAKE_CURRENT_LIST_DIR}/\.\./(\.\./)*" ABSOLUTE\)]]
            [[get_filename_component(PACKAGE_PREFIX_DIR "${CMAKE_CURRENT_LIST_DIR}/../../" ABSOLUTE)]]
            contents "${contents}")
        string(FIND "${contents}" "${CURRENT_PACKAGES_DIR}" absolute)
        if(NOT absolute EQUAL -1)
            message(FATAL_ERROR "FAIL: ${cmake_file} holds the absolute path ${CURRENT_PACKAGES_DIR}")
        endif()
        file(WRITE "${cmake_file}" "${contents}")
    endforeach()
endfunction()

function(vcpkg_install_copyright)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "" "FILE_LIST")
    set(text "")
    foreach(file IN LISTS arg_FILE_LIST)
        file(READ "${file}" contents)
        string(APPEND text "${contents}")
    endforeach()
    file(WRITE "${CURRENT_PACKAGES_DIR}/share/${PORT}/copyright" "${text}")
endfunction()

# --- run the portfile for a set of features, then check the result ----------------------
# ctql_run_port(<name> <features> <components expected> <components left out>)
macro(ctql_run_port name features expected_components absent_components)
    set(PORT ctql)
    set(FEATURES ${features})
    set(TARGET_TRIPLET x64-linux)
    set(VCPKG_TARGET_EXECUTABLE_SUFFIX "")
    set(CURRENT_PACKAGES_DIR "${WORK_DIR}/${name}/packages/ctql_x64-linux")
    set(CURRENT_BUILDTREES_DIR "${WORK_DIR}/${name}/buildtrees/ctql")
    set(CURRENT_INSTALLED_DIR "${WORK_DIR}/${name}/installed/x64-linux")
    set(CURRENT_PORT_DIR "${port_dir}")
    unset(VCPKG_BUILD_TYPE)
    message(STATUS "--- the port with features ${features}")
    include("${port_dir}/portfile.cmake")

    if(NOT port_mapped_features STREQUAL manifest_features)
        message(FATAL_ERROR "FAIL: the portfile maps features [${port_mapped_features}], "
                            "vcpkg.json declares [${manifest_features}]")
    endif()

    set(package "${CURRENT_PACKAGES_DIR}")
    ctql_expect_only_under("${package}" include/ctql share/ctql)
    ctql_expect_same_tree("${SOURCE_DIR}/include" "${package}/include" "*.hpp")
    ctql_expect_files("${package}/share/ctql" ctqlConfig.cmake ctqlConfigVersion.cmake ctqlTargets.cmake usage copyright)
    ctql_expect_same_file("${SOURCE_DIR}/LICENSE" "${package}/share/ctql/copyright")
    foreach(component IN ITEMS ${expected_components})
        ctql_expect_files("${package}/share/ctql" ctql_${component}Targets.cmake)
    endforeach()
    foreach(component IN ITEMS ${absent_components})
        ctql_expect_absent("${package}/share/ctql" ctql_${component}Targets.cmake)
    endforeach()
    ctql_expect_absent("${package}" lib bin debug share/cmake share/doc)
    message(STATUS "ok: the package layout vcpkg expects, components: ${expected_components}")
endmacro()

ctql_run_port(all "core;sqlite;postgres" "sqlite;postgres;engine" "")
ctql_probe(vcpkg_all SUCCEEDS PREFIX "${WORK_DIR}/all/packages/ctql_x64-linux"
    ARGS CONFIG REQUIRED COMPONENTS sqlite postgres engine
    OUTPUT "probe: target ctql::sqlite" "probe: target ctql::postgres" "probe: target ctql::engine"
           "ctql_DIR=${WORK_DIR}/all/packages/ctql_x64-linux/share/ctql")

ctql_run_port(default "core;sqlite" "sqlite" "postgres;engine")
ctql_probe(vcpkg_default SUCCEEDS PREFIX "${WORK_DIR}/default/packages/ctql_x64-linux"
    ARGS CONFIG REQUIRED COMPONENTS sqlite
    OUTPUT "probe: target ctql::sqlite" "probe: no target ctql::postgres")
ctql_probe(vcpkg_default_postgres FAILS PREFIX "${WORK_DIR}/default/packages/ctql_x64-linux"
    ARGS CONFIG REQUIRED COMPONENTS postgres
    OUTPUT "component postgres was not installed")

message("PASS: the vcpkg port's CMake steps, its package layout, and find_package from it")
