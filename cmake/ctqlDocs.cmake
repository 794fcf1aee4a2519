# The documentation's own tests (included by tests/CMakeLists.txt after
# ctql_documented_pages, the cookbook pages compiled as Catch2 tests, is set):
#   docs_<page>_program_<n>  every ```cpp block of README.md and docs/*.md that is a
#                            complete program (has `int main`), extracted by
#                            scripts/doc_examples.py --programs, built with the project's
#                            warnings, and run as a CTest test of the same name unless it
#                            connects to PostgreSQL or says `// not run: <reason>`
#   docs_code_blocks         every other ```cpp block is on a cookbook page or starts
#                            with `// not compiled: <reason>` (doc_examples.py --check)
#   docs_api_reference       Doxygen over include/ctql (docs/api/Doxyfile) into
#                            <build>/api/html; any warning fails it. The target
#                            ctql_api_reference builds the same reference by hand.
# The programs are extracted when CMake configures; editing a page configures again.

set(ctql_doc_pages_dir ${PROJECT_SOURCE_DIR}/docs)
file(GLOB ctql_doc_pages CONFIGURE_DEPENDS ${ctql_doc_pages_dir}/*.md)
list(SORT ctql_doc_pages)
list(PREPEND ctql_doc_pages ${PROJECT_SOURCE_DIR}/README.md)

if(Python3_Interpreter_FOUND)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
        ${ctql_doc_pages} ${PROJECT_SOURCE_DIR}/scripts/doc_examples.py)
    find_package(Threads REQUIRED)
    set(ctql_doc_programs_dir ${CMAKE_CURRENT_BINARY_DIR}/doc_programs)
    foreach(doc IN LISTS ctql_doc_pages)
        execute_process(
            COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/doc_examples.py
                    --programs --doc ${doc} --out-dir ${ctql_doc_programs_dir}
            OUTPUT_VARIABLE listed
            ERROR_VARIABLE problem
            RESULT_VARIABLE status)
        if(NOT status EQUAL 0)
            message(FATAL_ERROR "ctql: scripts/doc_examples.py could not read ${doc}: ${problem}")
        endif()
        string(REPLACE "\n" ";" listed "${listed}")
        foreach(entry IN LISTS listed)
            if(NOT entry MATCHES "^(run|build)\\|(.+)$")
                continue()
            endif()
            set(mode ${CMAKE_MATCH_1})
            set(source ${CMAKE_MATCH_2})
            get_filename_component(stem "${source}" NAME_WE)
            set(name docs_${stem})
            add_executable(${name} "${source}")
            target_link_libraries(${name} PRIVATE ctql_sqlite ctql_postgres Threads::Threads ctql_warnings)
            if(mode STREQUAL "run")
                ctql_register_test(${name} "${source}" docs)
            endif()
        endforeach()
    endforeach()

    add_test(NAME docs_code_blocks
        COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/scripts/doc_examples.py
                --check --documented ${ctql_documented_pages} -- ${ctql_doc_pages})
    set_tests_properties(docs_code_blocks PROPERTIES TIMEOUT 60 LABELS docs)
endif()

find_program(CTQL_DOXYGEN doxygen)
find_program(CTQL_PERL perl)
if(CTQL_DOXYGEN AND CTQL_PERL)
    set(ctql_api_command ${CMAKE_COMMAND} -E env
        CTQL_DOXYGEN_OUTPUT=${PROJECT_BINARY_DIR}/api CTQL_VERSION=${PROJECT_VERSION}
        ${CTQL_DOXYGEN} docs/api/Doxyfile)
    add_test(NAME docs_api_reference COMMAND ${ctql_api_command} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(docs_api_reference PROPERTIES TIMEOUT 300 LABELS docs)
    add_custom_target(ctql_api_reference
        COMMAND ${ctql_api_command}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Building the API reference in ${PROJECT_BINARY_DIR}/api/html (Doxygen)"
        VERBATIM)
elseif(DEFINED ENV{CI})
    message(FATAL_ERROR "ctql: doxygen (and perl) are needed to build the API reference in CI; "
                        "install them with: bash scripts/install-deps.sh")
else()
    message(WARNING "ctql: doxygen or perl not found (Debian: doxygen): the docs_api_reference test is not registered")
endif()
