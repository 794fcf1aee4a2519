# What find_package(ctql ...) does with components, against the copy installed by
# the packaging_install fixture (configure-only projects: nothing is compiled).
#   cmake -DSCENARIO=<below> -DPREFIX=<installed copy> -DSOURCE_DIR=... -DWORK_DIR=...
#         -DGENERATOR=... -DCXX_COMPILER=... -DVERSION=<project version> -P components.cmake
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/probe.cmake")
if(NOT PREFIX OR NOT EXISTS "${PREFIX}/share/cmake/ctql/ctqlConfig.cmake")
    message(FATAL_ERROR "pass -DPREFIX=<a prefix where ctql is installed> (the packaging_install test makes one)")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")

if(SCENARIO STREQUAL "unknown_component")
    # A required component nobody provides fails, naming it and the real ones;
    # an optional one is only reported as not found.
    ctql_probe(required FAILS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS sqlite frobnicate
        OUTPUT "ctql has no component named frobnicate; its components are: sqlite, postgres, engine")
    ctql_probe(optional SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS sqlite OPTIONAL_COMPONENTS frobnicate
        OUTPUT "probe: ctql_frobnicate_FOUND=FALSE" "probe: ctql_sqlite_FOUND=TRUE" "probe: target ctql::sqlite")
elseif(SCENARIO STREQUAL "missing_dependency")
    # As on a machine without libpq: a component needing it, directly or through
    # engine, fails find_package(ctql REQUIRED) in find_dependency with the reason
    # FindPostgreSQL gives; without REQUIRED, ctql is not found and says why; an
    # optional or unrequested component is left out.
    set(no_libpq "-DCMAKE_MODULE_PATH=${CMAKE_CURRENT_LIST_DIR}/no_libpq")
    ctql_probe(postgres FAILS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS postgres DEFINES ${no_libpq}
        OUTPUT "Could NOT find PostgreSQL (missing: PostgreSQL_LIBRARY PostgreSQL_INCLUDE_DIR)"
               "share/cmake/ctql/ctqlConfig.cmake" "(find_dependency)")
    ctql_probe(engine FAILS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS engine DEFINES ${no_libpq}
        OUTPUT "Could NOT find PostgreSQL" "(find_dependency)")
    ctql_probe(not_required SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG COMPONENTS postgres DEFINES ${no_libpq}
        OUTPUT "ctql could not be found because dependency PostgreSQL could not be found"
               "probe: no target ctql::postgres")
    ctql_probe(optional SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS sqlite OPTIONAL_COMPONENTS postgres
        DEFINES ${no_libpq}
        OUTPUT "probe: ctql_postgres_FOUND=FALSE" "probe: no target ctql::postgres" "probe: target ctql::sqlite")
    ctql_probe(unrequested SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED DEFINES ${no_libpq}
        OUTPUT "probe: target ctql::sqlite" "probe: no target ctql::postgres" "probe: no target ctql::engine")
elseif(SCENARIO STREQUAL "components")
    ctql_probe(all SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED
        OUTPUT "probe: target ctql::ctql" "probe: target ctql::sqlite" "probe: target ctql::postgres"
               "probe: target ctql::engine" "ctql_DIR=${PREFIX}/share/cmake/ctql")
    ctql_probe(engine SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS engine
        OUTPUT "probe: ctql_engine_FOUND=TRUE" "probe: target ctql::engine" "probe: target ctql::sqlite"
               "probe: target ctql::postgres")
    ctql_probe(sqlite SUCCEEDS PREFIX "${PREFIX}" ARGS CONFIG REQUIRED COMPONENTS sqlite
        OUTPUT "probe: target ctql::sqlite" "probe: no target ctql::postgres" "probe: no target ctql::engine")
elseif(SCENARIO STREQUAL "version")
    string(REGEX MATCH "^([0-9]+)\\.([0-9]+)\\.([0-9]+)$" _ "${VERSION}")
    math(EXPR next_minor "${CMAKE_MATCH_2} + 1")
    math(EXPR next_major "${CMAKE_MATCH_1} + 1")
    ctql_probe(same_minor SUCCEEDS PREFIX "${PREFIX}" ARGS "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}" CONFIG REQUIRED
        OUTPUT "ctql_VERSION=${VERSION}")
    ctql_probe(exact SUCCEEDS PREFIX "${PREFIX}" ARGS "${VERSION}" EXACT CONFIG REQUIRED
        OUTPUT "ctql_VERSION=${VERSION}")
    ctql_probe(next_minor FAILS PREFIX "${PREFIX}" ARGS "${CMAKE_MATCH_1}.${next_minor}" CONFIG REQUIRED
        OUTPUT "${VERSION}")
    ctql_probe(next_major FAILS PREFIX "${PREFIX}" ARGS "${next_major}.0" CONFIG REQUIRED
        OUTPUT "${VERSION}")
else()
    message(FATAL_ERROR "unknown SCENARIO ${SCENARIO} (unknown_component, missing_dependency, components, version)")
endif()
message("PASS: ${SCENARIO}")
