// Built with single_include/ on the include path and include/ absent from it:
// the amalgamated header must stand on its own.
#include <ctql/sqlite.hpp>

#include <catch2/catch.hpp>

TEST_CASE("the amalgamated sqlite header compiles on its own and provides the core") {
    constexpr ctql::fixed_string name{"ab"};
    STATIC_REQUIRE(name.size() == 2);
    REQUIRE(name.view() == "ab");
}
