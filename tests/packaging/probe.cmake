# ctql_probe(<name> SUCCEEDS|FAILS PREFIX <prefix> ARGS <find_package arguments>...
#            [DEFINES <-D...>...] [OUTPUT <text>...] [NOT_OUTPUT <text>...])
# Configures tests/packaging/probe against the package in <prefix> with
# find_package(ctql <arguments>), and checks whether configuring succeeds and
# which texts its output holds. Needs common.cmake.
function(ctql_probe name expectation)
    cmake_parse_arguments(PARSE_ARGV 2 arg "" "PREFIX" "ARGS;DEFINES;OUTPUT;NOT_OUTPUT")
    set(build "${WORK_DIR}/probe-${name}")
    file(REMOVE_RECURSE "${build}")
    string(REPLACE ";" "|" packed "${arg_ARGS}")
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/probe" -B "${build}"
                ${ctql_toolchain_args} "-DCMAKE_PREFIX_PATH=${arg_PREFIX}" "-DPROBE_ARGS=${packed}" ${arg_DEFINES}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    string(REPLACE ";" " " shown "find_package(ctql ${arg_ARGS})")
    set(failures "")
    if(expectation STREQUAL "SUCCEEDS" AND NOT result EQUAL 0)
        list(APPEND failures "configuring failed, but must succeed")
    elseif(expectation STREQUAL "FAILS" AND result EQUAL 0)
        list(APPEND failures "configuring succeeded, but must fail")
    endif()
    # CMake wraps long messages; compare with the line breaks and indentation folded.
    string(REGEX REPLACE "[ \t\r\n]+" " " folded "${output}")
    foreach(text IN LISTS arg_OUTPUT)
        string(FIND "${folded}" "${text}" position)
        if(position EQUAL -1)
            list(APPEND failures "the output lacks \"${text}\"")
        endif()
    endforeach()
    foreach(text IN LISTS arg_NOT_OUTPUT)
        string(FIND "${folded}" "${text}" position)
        if(NOT position EQUAL -1)
            list(APPEND failures "the output holds \"${text}\"")
        endif()
    endforeach()
    if(failures)
        list(JOIN failures "\n  " failures)
        message("--- output of ${shown} ${arg_DEFINES} ---\n${output}--- end of output ---")
        message(FATAL_ERROR "FAIL: ${name}: ${shown}:\n  ${failures}")
    endif()
    message(STATUS "ok: ${name}: ${shown} ${arg_DEFINES} ${expectation}")
endfunction()
