// ctql::narrow<T>: the explicit narrowing the type rules ask for, checked.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include <ctql/core/narrow.hpp>

TEST_CASE("narrow<T> converts values that survive and refuses the others") {
    CHECK(ctql::narrow<std::int32_t>(std::int64_t{123}) == 123);
    CHECK(ctql::narrow<std::int16_t>(-32768) == -32768);
    CHECK(ctql::narrow<float>(0.5) == 0.5f);
    CHECK(std::isnan(ctql::narrow<float>(std::numeric_limits<double>::quiet_NaN())));
    CHECK_THROWS_AS(ctql::narrow<std::int32_t>(std::int64_t{1} << 40), ctql::data_error);
    CHECK_THROWS_AS(ctql::narrow<std::uint8_t>(-1), ctql::data_error);
    CHECK_THROWS_AS(ctql::narrow<std::int8_t>(200u), ctql::data_error);
    CHECK_THROWS_WITH(ctql::narrow<float>(0.1), Catch::Contains("0.1 does not fit"));
}
