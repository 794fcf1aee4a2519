# An overlay port that builds the ctql checkout it belongs to:
#   vcpkg install "ctql[sqlite,postgres]" --overlay-ports=<ctql>/ports
# A copy for a registry takes its sources from a release instead
# (vcpkg_from_github with REF "v${VERSION}" and that archive's SHA512);
# every step after SOURCE_PATH stays as it is.
set(VCPKG_BUILD_TYPE release)  # header-only: one configuration is enough

get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        sqlite      CTQL_WITH_SQLITE
        postgres    CTQL_WITH_POSTGRES
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        ${FEATURE_OPTIONS}
        -DCTQL_BUILD_TESTS=OFF
        -DCTQL_BUILD_EXAMPLES=OFF
        -DCTQL_BUILD_BENCHMARKS=OFF
        -DCTQL_USE_CCACHE=OFF
        -DCTQL_INSTALL=ON
)

vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/ctql)

# The license goes to share/ctql/copyright; the other documents are not packaged.
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/share/doc")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
