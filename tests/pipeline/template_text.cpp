// SQL templates without a database: how the text is scanned for
// placeholders, rewritten for each dialect, and what is resolved from it.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctql/pipeline/sql_template.hpp>

#include "../test_schema.hpp"

using namespace ctql;

namespace {
template <class Statement>
constexpr std::string_view sqlite_text = Statement::template sql<dialect::sqlite>();
template <class Statement>
constexpr std::string_view postgres_text = Statement::template sql<dialect::postgres>();

template <class Statement>
using params_of = typename Statement::params;
}  // namespace

TEST_CASE("placeholders are numbered per name and spelled per dialect", "[template]") {
    constexpr auto q = sql_template<"SELECT id FROM users WHERE score > :low AND score < :high OR score = :low">(users);
    STATIC_REQUIRE(sqlite_text<decltype(q)> == "SELECT id FROM users WHERE score > ?1 AND score < ?2 OR score = ?1");
    STATIC_REQUIRE(postgres_text<decltype(q)> == "SELECT id FROM users WHERE score > $1 AND score < $2 OR score = $1");
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(q)>,
                                  detail::type_list<named_parameter<"low", double>, named_parameter<"high", double>>>);
}

TEST_CASE("quoted text, comments, casts and dollar quotes hold no placeholders", "[template]") {
    constexpr auto q = sql_template<
        "SELECT id -- not :here\n"
        "FROM users /* nor :there */ WHERE name <> 'it''s :quoted' AND \"name\" <> $tag$:dollar$tag$ "
        "AND email <> $$:x$$ AND score = :s">(users);
    STATIC_REQUIRE(postgres_text<decltype(q)> ==
                   "SELECT id -- not :here\n"
                   "FROM users /* nor :there */ WHERE name <> 'it''s :quoted' AND \"name\" <> $tag$:dollar$tag$ "
                   "AND email <> $$:x$$ AND score = $1");
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(q)>, detail::type_list<named_parameter<"s", double>>>);

    // A cast is outside the resolved subset: the input is declared.
    constexpr auto cast = sql_template<"SELECT id FROM users WHERE score::int = :n">(users).inputs(param<"n", std::int64_t>)
                              .returns<result_column<"id", std::int64_t>>();
    STATIC_REQUIRE(postgres_text<decltype(cast)> == "SELECT id FROM users WHERE score::int = $1");
    STATIC_REQUIRE(!decltype(cast)::resolved);
}

TEST_CASE("the runtime scanner agrees with the compile-time one", "[template]") {
    const std::string text = "UPDATE users SET name = ':no' WHERE id = :id AND name = :name -- :gone";
    constexpr auto& schema = detail::sqlt::reading<detail::type_list<users_t>>::schema;
    const auto a = detail::sqlt::analyze(text, schema.data(), schema.size());
    REQUIRE(a.error == detail::sqlt::problem::none);
    REQUIRE(a.param_count == 2);
    CHECK(a.params[0].name == "id");
    CHECK(a.params[1].name == "name");
    REQUIRE(a.use_count == 2);
    CHECK(text.substr(a.use_offset[0], a.use_length[0]) == ":id");

    const auto open = detail::sqlt::analyze("SELECT 'never closed", nullptr, 0);
    CHECK(open.error == detail::sqlt::problem::unterminated_string);
    CHECK(open.error_offset == 7);
    CHECK(detail::sqlt::analyze("SELECT ?", nullptr, 0).error == detail::sqlt::problem::positional_placeholder);
    CHECK(detail::sqlt::analyze("SELECT $1", nullptr, 0).error == detail::sqlt::problem::positional_placeholder);
    CHECK(detail::sqlt::analyze("SELECT 1 /* open", nullptr, 0).error == detail::sqlt::problem::unterminated_comment);
    CHECK(detail::sqlt::analyze("SELECT $a$ open", nullptr, 0).error == detail::sqlt::problem::unterminated_dollar_quote);
}

TEST_CASE("a resolved select infers its row: names, types and nullability", "[template]") {
    constexpr auto q = sql_template<
        "SELECT u.id, u.name, u.email, o.total, COUNT(o.id) AS order_count, SUM(o.total) AS spent "
        "FROM users u LEFT JOIN orders o ON o.user_id = u.id "
        "WHERE u.score >= :min_score AND u.name LIKE :pattern "
        "GROUP BY u.id, u.name, u.email, o.total ORDER BY order_count DESC LIMIT :n">(users, orders);
    using row_t = decltype(q)::result_row;
    STATIC_REQUIRE(decltype(q)::resolved);
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.id), std::int64_t>);
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.name), std::string>);
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.email), std::optional<std::string>>);
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.total), std::optional<double>>);  // LEFT JOIN
    STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(get<"order_count">(row_t{}))>, std::int64_t>);
    STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(get<"spent">(row_t{}))>, std::optional<double>>);
    STATIC_REQUIRE(decltype(q)::column_names ==
                   std::array<std::string_view, 6>{"id", "name", "email", "total", "order_count", "spent"});
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(q)>,
                                  detail::type_list<named_parameter<"min_score", double>,
                                                    named_parameter<"pattern", std::string>,
                                                    named_parameter<"n", std::int64_t>>>);
}

TEST_CASE("a single selected column is a bare value", "[template]") {
    constexpr auto q = sql_template<"SELECT MAX(score) FROM users">(users);
    STATIC_REQUIRE(std::is_same_v<decltype(q)::result_row, std::optional<double>>);
}

TEST_CASE("writes type their placeholders by the columns they set", "[template]") {
    constexpr auto ins = sql_template<"INSERT INTO users (name, email, score) VALUES (:name, :email, :score)">(users);
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(ins)>,
                                  detail::type_list<named_parameter<"name", std::string>,
                                                    named_parameter<"email", std::optional<std::string>>,
                                                    named_parameter<"score", double>>>);
    STATIC_REQUIRE(std::is_void_v<decltype(ins)::result_row>);

    constexpr auto upd = sql_template<"UPDATE users SET email = :email WHERE id IN (:a, :b)">(users);
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(upd)>,
                                  detail::type_list<named_parameter<"email", std::optional<std::string>>,
                                                    named_parameter<"a", std::int64_t>,
                                                    named_parameter<"b", std::int64_t>>>);

    constexpr auto del = sql_template<"DELETE FROM orders WHERE total BETWEEN :low AND :high">(orders);
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(del)>,
                                  detail::type_list<named_parameter<"low", double>, named_parameter<"high", double>>>);
}

TEST_CASE("a self-join keeps each alias apart", "[template]") {
    constexpr auto q = sql_template<
        "SELECT a.name, b.name AS other FROM users a LEFT JOIN users b ON b.score > a.score">(users);
    using row_t = decltype(q)::result_row;
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.name), std::string>);
    STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(get<"other">(row_t{}))>, std::optional<std::string>>);
}

TEST_CASE("text outside the subset says where the parser stopped", "[template]") {
    constexpr auto q = sql_template<"SELECT id FROM users UNION SELECT id FROM orders">(users, orders)
                           .returns<result_column<"id", std::int64_t>>();
    STATIC_REQUIRE(!decltype(q)::resolved);
    STATIC_REQUIRE(decltype(q)::text.substr(decltype(q)::stopped_at, 5) == "UNION");
    STATIC_REQUIRE(std::is_same_v<decltype(q)::result_row, std::int64_t>);
}

TEST_CASE("* and t.* stand for the columns of the tables, in order", "[template]") {
    constexpr auto q = sql_template<"SELECT o.*, u.name FROM orders o JOIN users u ON u.id = o.user_id">(users, orders);
    STATIC_REQUIRE(decltype(q)::column_names ==
                   std::array<std::string_view, 5>{"id", "user_id", "total", "note", "name"});
    using row_t = decltype(q)::result_row;
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.note), std::optional<std::string>>);
    STATIC_REQUIRE(std::is_same_v<decltype(row_t{}.name), std::string>);
    constexpr auto all = sql_template<"SELECT * FROM users WHERE id = :id">(users);
    STATIC_REQUIRE(decltype(all)::column_count == 5);
}

TEST_CASE("a placeholder compared with an aggregate takes the aggregate's type", "[template]") {
    constexpr auto q = sql_template<
        "SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id HAVING SUM(total) > :spent AND COUNT(*) >= :times">(
        orders);
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(q)>,
                                  detail::type_list<named_parameter<"spent", double>, named_parameter<"times", std::int64_t>>>);
}

TEST_CASE("a resolved template declares the inputs no column types", "[template]") {
    constexpr auto q = sql_template<"SELECT id FROM users WHERE score > :a + :b">(users).inputs(param<"a", double>,
                                                                                              param<"b", double>);
    STATIC_REQUIRE(decltype(q)::resolved);
    STATIC_REQUIRE(decltype(q)::check());
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(q)>,
                                  detail::type_list<named_parameter<"a", double>, named_parameter<"b", double>>>);
}

TEST_CASE("keywords in any case and quoted names resolve as SQL reads them", "[template]") {
    constexpr auto q = sql_template<"select \"name\", Score as s from Users where \"id\" = :id;">(users);
    STATIC_REQUIRE(decltype(q)::resolved);
    STATIC_REQUIRE(decltype(q)::column_names == std::array<std::string_view, 2>{"name", "s"});
    STATIC_REQUIRE(std::is_same_v<params_of<decltype(q)>, detail::type_list<named_parameter<"id", std::int64_t>>>);
    // A quoted name is exact: "Users" is not the table users.
    constexpr auto quoted = detail::sqlt::analyze("SELECT id FROM \"Users\"",
                                                  detail::sqlt::reading<detail::type_list<users_t>>::schema.data(), 1);
    STATIC_REQUIRE(quoted.error == detail::sqlt::problem::unknown_table);
}
