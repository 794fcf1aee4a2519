# Runs one compile-fail test (cmake -P):
#   cmake -DSETTINGS=<compile_fail_settings.cmake> -DSOURCE=<snippet.cpp> -P compile_fail.cmake
#
# The snippet must NOT compile, and the compiler's diagnostic output must
# contain every substring declared in the snippet by a comment line
#   // expect: <text>
# (one or more; <text> is matched literally, case-sensitively, after trimming).
# The test passes only when both hold. It also reports on which line of the
# diagnostic output the first expectation first appears ("diagnostic lines
# before message: N"), which the diagnostics benchmark (C2) collects.
#
# Parsing ctql/sqlite.hpp is most of a snippet's compile time (about 3.5 s of
# 4 with g++ or clang++), so the build precompiles it once:
#   cmake -DSETTINGS=... -DPCH=1 -P compile_fail.cmake
# writes CTQL_CF_PCH_FILE from CTQL_CF_PCH_HEADER, and each snippet then
# starts from it. A precompiled header that is missing or older than a
# header of ctql is not used: the snippet is compiled from the headers.
#
# SETTINGS (written by tests/CMakeLists.txt) defines CTQL_CF_COMPILER,
# CTQL_CF_COMPILER_ID, CTQL_CF_STANDARD_FLAG, CTQL_CF_INCLUDE_DIRS,
# CTQL_CF_DEFINITIONS, CTQL_CF_IMPLICIT_INCLUDE_DIRS, CTQL_CF_PCH_HEADER,
# CTQL_CF_PCH_FILE and CTQL_CF_HEADER_DIR.
cmake_minimum_required(VERSION 3.21)

if(NOT DEFINED SETTINGS)
    message(FATAL_ERROR "compile_fail.cmake: pass -DSETTINGS=...")
endif()
include("${SETTINGS}")

# --- compile the way a user of ctql::sqlite / ctql::postgres would -------------------------
set(args ${CTQL_CF_STANDARD_FLAG} -fdiagnostics-color=never)
foreach(dir IN LISTS CTQL_CF_INCLUDE_DIRS)
    # The compiler's own directories must stay where they are: -I/usr/include breaks
    # libstdc++'s #include_next. CMake drops them for ordinary targets too.
    if(dir AND NOT dir IN_LIST CTQL_CF_IMPLICIT_INCLUDE_DIRS)
        list(APPEND args "-I${dir}")
    endif()
endforeach()
foreach(def IN LISTS CTQL_CF_DEFINITIONS)
    if(def)
        list(APPEND args "-D${def}")
    endif()
endforeach()
# Plain ASCII quotes and English messages, whatever the machine's locale.
set(ENV{LC_ALL} C)
set(ENV{LANG} C)

if(PCH)
    file(REMOVE "${CTQL_CF_PCH_FILE}")
    execute_process(
        COMMAND "${CTQL_CF_COMPILER}" ${args} -x c++-header "${CTQL_CF_PCH_HEADER}" -o "${CTQL_CF_PCH_FILE}"
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "compile_fail.cmake: precompiling ${CTQL_CF_PCH_HEADER} failed:\n${output}")
    endif()
    return()
endif()

if(NOT DEFINED SOURCE)
    message(FATAL_ERROR "compile_fail.cmake: pass -DSOURCE=...")
endif()
list(APPEND args -fsyntax-only)
set(pch_usable FALSE)
if(EXISTS "${CTQL_CF_PCH_FILE}")
    set(pch_usable TRUE)
    file(GLOB_RECURSE headers "${CTQL_CF_HEADER_DIR}/ctql/*.hpp")
    foreach(header IN LISTS headers)
        if(NOT "${CTQL_CF_PCH_FILE}" IS_NEWER_THAN "${header}")
            set(pch_usable FALSE)
            break()
        endif()
    endforeach()
endif()
if(pch_usable AND CTQL_CF_COMPILER_ID STREQUAL "GNU")
    list(APPEND args -include "${CTQL_CF_PCH_HEADER}")  # g++ takes the .gch beside it
elseif(pch_usable AND CTQL_CF_COMPILER_ID MATCHES "Clang")
    list(APPEND args -include-pch "${CTQL_CF_PCH_FILE}")
endif()

# --- what the snippet expects ---------------------------------------------------------
# Expectations are kept in one newline-separated string, never in a CMake list,
# so that `;`, `[` and `]` in a message are matched as written.
file(READ "${SOURCE}" rest)
set(expectations "")
set(expectation_count 0)
while(TRUE)
    string(REGEX MATCH "(^|\n)[ \t]*//[ \t]*expect:([^\n]*)" match "${rest}")
    if(match STREQUAL "")
        break()
    endif()
    set(text "${CMAKE_MATCH_2}")
    string(STRIP "${text}" text)
    if(text STREQUAL "")
        message(FATAL_ERROR "${SOURCE}: an `// expect:` line has no text")
    endif()
    string(APPEND expectations "${text}\n")
    if(expectation_count EQUAL 0)
        set(first_expectation "${text}")
    endif()
    math(EXPR expectation_count "${expectation_count} + 1")
    string(FIND "${rest}" "${match}" position)
    string(LENGTH "${match}" length)
    math(EXPR position "${position} + ${length}")
    string(SUBSTRING "${rest}" ${position} -1 rest)
endwhile()
if(expectation_count EQUAL 0)
    message(FATAL_ERROR
        "${SOURCE}: no `// expect: <text>` line. A compile-fail snippet must name the "
        "diagnostic it is meant to produce, or it would pass for any error (a typo included).")
endif()

execute_process(
    COMMAND "${CTQL_CF_COMPILER}" ${args} "${SOURCE}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)

string(REPLACE ";" " " command_line "${CTQL_CF_COMPILER};${args};${SOURCE}")

if(result EQUAL 0)
    message("command: ${command_line}\n${output}")
    message(FATAL_ERROR "FAIL: ${SOURCE} compiled, but it must not.")
endif()
if(NOT result MATCHES "^[0-9]+$")
    message(FATAL_ERROR "FAIL: could not run the compiler (${result}): ${command_line}")
endif()

string(FIND "${output}" "${first_expectation}" position)
if(position GREATER -1)
    string(SUBSTRING "${output}" 0 ${position} before)
    string(REGEX MATCHALL "\n" newlines "${before}")
    list(LENGTH newlines lines_before)
    math(EXPR line_number "${lines_before} + 1")
    message("diagnostic lines before message: ${lines_before}")
    message("first expected message on diagnostic line: ${line_number}")
else()
    message("diagnostic lines before message: none (the first expected message does not appear)")
endif()

set(missing "")
set(rest "${expectations}")
while(NOT rest STREQUAL "")
    string(FIND "${rest}" "\n" end)
    string(SUBSTRING "${rest}" 0 ${end} text)
    math(EXPR end "${end} + 1")
    string(SUBSTRING "${rest}" ${end} -1 rest)
    string(FIND "${output}" "${text}" position)
    if(position EQUAL -1)
        string(APPEND missing "missing from the diagnostic: \"${text}\"\n")
    endif()
endwhile()

if(NOT missing STREQUAL "")
    message("command: ${command_line}\n--- diagnostic output ---\n${output}--- end of diagnostic output ---\n${missing}")
    message(FATAL_ERROR "FAIL: ${SOURCE} failed to compile, but not with the expected message.")
endif()

message("PASS: ${SOURCE} does not compile, and the diagnostic contains all ${expectation_count} expected text(s).")
