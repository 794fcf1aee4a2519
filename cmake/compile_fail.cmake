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
# SETTINGS (written by tests/CMakeLists.txt) defines CTQL_CF_COMPILER,
# CTQL_CF_STANDARD_FLAG, CTQL_CF_INCLUDE_DIRS, CTQL_CF_DEFINITIONS and
# CTQL_CF_IMPLICIT_INCLUDE_DIRS.
cmake_minimum_required(VERSION 3.21)

foreach(var IN ITEMS SETTINGS SOURCE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "compile_fail.cmake: pass -D${var}=...")
    endif()
endforeach()
include("${SETTINGS}")

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

# --- compile it the way a user of ctql::sqlite / ctql::postgres would -------------------------
set(args ${CTQL_CF_STANDARD_FLAG} -fsyntax-only -fdiagnostics-color=never)
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
