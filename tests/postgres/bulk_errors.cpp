// A bulk load that fails names the failing row, and stores none of the batch.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../common/backends.hpp"

using namespace ctql;
using namespace ctql_test;

namespace {
using user_row = std::tuple<std::string, std::optional<std::string>>;

std::vector<user_row> batch(int size) {
    std::vector<user_row> rows;
    for (int i = 0; i < size; ++i) rows.emplace_back("user" + std::to_string(i), "u" + std::to_string(i) + "@x");
    return rows;
}
}  // namespace

TEMPLATE_TEST_CASE("a duplicate at row 40,001 of 50,000 is named by its index, and nothing is stored", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    auto rows = batch(50'000);
    std::get<1>(rows[40'001]) = "u17@x";  // the email of row 17 again
    const auto load = insert_into(users).columns(users.name, users.email);
    try {
        db(load, rows);
        FAIL("the batch loaded although row 40001 repeats a unique email");
    } catch (const integrity_error& e) {
        CHECK(e.row() == 40'001);
        CHECK_THAT(e.what(), Catch::Contains("ROW: 40001 (counting from 0) of the rows loaded; none of them was stored"));
    }
    CHECK(db(select(count()).from(users)).front() == 0);
    // The connection goes on: the corrected batch loads whole.
    std::get<1>(rows[40'001]) = "fixed@x";
    CHECK(db(load, rows) == 50'000);
}

TEMPLATE_TEST_CASE("an error that is not a bulk load's names no row", "[both]", sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    db(insert_into(users).set(users.name = "Ada", users.email = "ada@x"));
    try {
        db(insert_into(users).set(users.name = "Eve", users.email = "ada@x"));
        FAIL("expected an integrity_error");
    } catch (const integrity_error& e) {
        CHECK(e.row() == -1);
        CHECK_THAT(e.what(), !Catch::Contains("ROW:"));
    }
}

TEST_CASE("PostgreSQL: a value refused before it is sent names its row too") {
    auto db = fresh<postgres_backend>();
    auto rows = batch(10);
    std::get<0>(rows[7]) = std::string("nul\0byte", 8);  // PostgreSQL text cannot hold NUL
    try {
        db(insert_into(users).columns(users.name, users.email), rows);
        FAIL("a NUL byte reached PostgreSQL text");
    } catch (const data_error& e) {
        CHECK(e.row() == 7);
        CHECK_THAT(e.what(), Catch::Contains("ROW: 7"));
    }
    CHECK(db(select(count()).from(users)).front() == 0);
}

TEST_CASE("the row is read from COPY's CONTEXT line only") {
    using ctql::postgres::detail::copy_row_of;
    CHECK(copy_row_of("COPY users, line 3") == 2);
    CHECK(copy_row_of("COPY users, line 40002, column email: \"u17@x\"") == 40'001);
    CHECK(copy_row_of("COPY users, line 0") == -1);
    CHECK(copy_row_of("COPY users") == -1);
    CHECK(copy_row_of("PL/pgSQL function f() line 3 at RAISE") == -1);
    CHECK(copy_row_of("") == -1);
}
