# Helpers shared by tests/ and examples/ (included by the top-level CMakeLists.txt).

set(CTQL_TEST_TIMEOUT 300 CACHE STRING "Seconds before CTest kills one test")

# Registers executable <name> built from <source> as a CTest test of the same name.
# Each test runs in a working directory of its own, so files it creates never
# collide under `ctest -j`. A test that talks to the PostgreSQL server (its path
# has a postgres/ folder, or its source mentions CTQL_TEST_POSTGRES*/CTQL_TEST_PG*,
# `postgres::` or a postgresql:// URL) gets the label `postgres` and a resource
# lock: such tests share one database and may restart the server, so CTest runs
# them one at a time. So does a test that includes a helper reaching the server
# (pg_test_env.hpp, common/engines.hpp, common/backends.hpp). Rendering tests
# that only name dialect::postgres run in parallel.
function(ctql_register_test name source label)
    set(work_dir ${CMAKE_CURRENT_BINARY_DIR}/work/${name})
    file(MAKE_DIRECTORY ${work_dir})
    add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${work_dir})
    set_tests_properties(${name} PROPERTIES TIMEOUT ${CTQL_TEST_TIMEOUT} LABELS ${label})
    file(READ "${source}" text)
    if(source MATCHES "/postgres/" OR
       text MATCHES "CTQL_TEST_PG|CTQL_TEST_POSTGRES|postgres::|postgresql:|pg_test_env|common/engines|common/backends")
        if(NOT label STREQUAL "postgres")
            set_property(TEST ${name} APPEND PROPERTY LABELS postgres)
        endif()
        set_property(TEST ${name} PROPERTY RESOURCE_LOCK ctql_postgres_server)
    endif()
endfunction()
