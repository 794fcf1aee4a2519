# Shared by the packaging tests' scripts (cmake -P): how to configure a nested
# project with the toolchain of the enclosing build, and checks on file trees.
#
# Every script takes -DSOURCE_DIR=<ctql source tree> -DWORK_DIR=<its own scratch directory>
# -DGENERATOR=... -DCXX_COMPILER=... and optionally -DMAKE_PROGRAM=... -DLAUNCHER=...
cmake_minimum_required(VERSION 3.21)

foreach(var IN ITEMS SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "${CMAKE_CURRENT_LIST_FILE}: pass -D${var}=...")
    endif()
endforeach()

# Nested projects use the enclosing build's generator and compiler (through ccache
# when it does), without sanitizers or warnings of ctql's own, and never a package
# registered in ~/.cmake/packages.
set(ctql_toolchain_args
    -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    -DCMAKE_BUILD_TYPE=Debug
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(MAKE_PROGRAM)
    list(APPEND ctql_toolchain_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(LAUNCHER)
    list(APPEND ctql_toolchain_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()

# Plain ASCII and English messages from compilers and tools.
set(ENV{LC_ALL} C)
set(ENV{LANG} C)

# ctql_run(<what> <command> <args>...): runs the command; on failure shows its
# output and fails the test. Its output is left in ctql_output.
function(ctql_run what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        string(REPLACE ";" " " command_line "${ARGN}")
        message("command: ${command_line}\n--- output ---\n${output}--- end of output ---")
        message(FATAL_ERROR "FAIL: ${what} (exit code ${result})")
    endif()
    message(STATUS "ok: ${what}")
    set(ctql_output "${output}" PARENT_SCOPE)
endfunction()

# ctql_expect_files(<root> <relative path>...): each file exists under root.
function(ctql_expect_files root)
    foreach(file IN LISTS ARGN)
        if(NOT EXISTS "${root}/${file}")
            message(FATAL_ERROR "FAIL: ${root}/${file} is missing")
        endif()
    endforeach()
endfunction()

# ctql_expect_absent(<root> <relative path>...): none of them exists under root.
function(ctql_expect_absent root)
    foreach(file IN LISTS ARGN)
        if(EXISTS "${root}/${file}")
            message(FATAL_ERROR "FAIL: ${root}/${file} exists, but must not")
        endif()
    endforeach()
endfunction()

# ctql_expect_only_under(<root> <allowed directory>...): every file under root is in one of them.
function(ctql_expect_only_under root)
    file(GLOB_RECURSE files RELATIVE "${root}" "${root}/*")
    foreach(file IN LISTS files)
        set(allowed FALSE)
        foreach(dir IN LISTS ARGN)
            string(FIND "${file}" "${dir}/" position)
            if(position EQUAL 0)
                set(allowed TRUE)
            endif()
        endforeach()
        if(NOT allowed)
            string(REPLACE ";" ", " dirs "${ARGN}")
            message(FATAL_ERROR "FAIL: ${root}/${file} is outside the expected directories (${dirs})")
        endif()
    endforeach()
endfunction()

# ctql_expect_same_tree(<source dir> <copy dir> <glob>): the copy holds exactly the
# source's files matching the glob, with the same contents.
function(ctql_expect_same_tree source copy glob)
    file(GLOB_RECURSE expected RELATIVE "${source}" "${source}/${glob}")
    file(GLOB_RECURSE actual RELATIVE "${copy}" "${copy}/*")
    list(SORT expected)
    list(SORT actual)
    if(NOT expected STREQUAL actual)
        set(missing ${expected})
        list(REMOVE_ITEM missing ${actual})
        set(extra ${actual})
        list(REMOVE_ITEM extra ${expected})
        message(FATAL_ERROR "FAIL: ${copy} differs from ${source} (${glob}): missing [${missing}], extra [${extra}]")
    endif()
    foreach(file IN LISTS expected)
        file(SHA256 "${source}/${file}" a)
        file(SHA256 "${copy}/${file}" b)
        if(NOT a STREQUAL b)
            message(FATAL_ERROR "FAIL: ${copy}/${file} differs from ${source}/${file}")
        endif()
    endforeach()
    list(LENGTH expected count)
    message(STATUS "ok: ${copy} holds the ${count} files of ${source}")
endfunction()

# ctql_expect_same_file(<a> <b>)
function(ctql_expect_same_file a b)
    file(SHA256 "${a}" hash_a)
    file(SHA256 "${b}" hash_b)
    if(NOT hash_a STREQUAL hash_b)
        message(FATAL_ERROR "FAIL: ${b} is not a copy of ${a}")
    endif()
endfunction()
