# Stands in for CMake's FindPostgreSQL on a machine without libpq: the packaging
# tests put this directory on CMAKE_MODULE_PATH. It finds nothing, and reports
# that the way the real module does (an error when REQUIRED, else PostgreSQL_FOUND FALSE).
set(PostgreSQL_LIBRARY PostgreSQL_LIBRARY-NOTFOUND)
set(PostgreSQL_INCLUDE_DIR PostgreSQL_INCLUDE_DIR-NOTFOUND)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PostgreSQL REQUIRED_VARS PostgreSQL_LIBRARY PostgreSQL_INCLUDE_DIR)
