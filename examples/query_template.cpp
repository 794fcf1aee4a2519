// Hand-written SQL, checked against the schema at compile time: a typo in a
// table or column name, a missing input or an input of the wrong type does
// not compile. Inputs are always bound, never pasted into the text.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include <ctql/sqlite.hpp>
#include <ctql/pipeline.hpp>

CTQL_TABLE(users,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (score, double));

CTQL_TABLE(orders,
    (id,      std::int64_t, ctql::primary_key),
    (user_id, std::int64_t, ctql::references<users.id>),
    (total,   double));

using namespace ctql;

// Resolved at compile time: :min_score is a double (it meets users.score),
// :n an integer (LIMIT); each row has members id and name, and the fields
// order_count (std::int64_t) and spent (std::optional<double>: SUM of no rows is NULL).
constexpr auto top_spenders = sql_template<R"(
    SELECT u.id, u.name, COUNT(o.id) AS order_count, SUM(o.total) AS spent
    FROM users u LEFT JOIN orders o ON o.user_id = u.id
    WHERE u.score >= :min_score
    GROUP BY u.id, u.name
    ORDER BY spent DESC
    LIMIT :n)">(users, orders);

constexpr auto add_user = sql_template<"INSERT INTO users (name, score) VALUES (:name, :score)">(users);
constexpr auto add_order = sql_template<"INSERT INTO orders (user_id, total) VALUES (:user, :total)">(orders);

int main() {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    db(create_table(orders));
    for (const auto& [name, score] : {std::pair{"Ada", 91.5}, {"Bob", 40.0}, {"Robert'); DROP TABLE users; --", 75.0}})
        db(add_user, arg<"name">(name), arg<"score">(score));
    db(add_order, arg<"user">(std::int64_t{1}), arg<"total">(120.0));
    db(add_order, arg<"user">(std::int64_t{3}), arg<"total">(30.0));

    std::printf("%s\n", std::string(decltype(top_spenders)::sql<dialect::sqlite>()).c_str());
    int rows = 0;
    for (const auto& row : db(top_spenders, arg<"min_score">(50.0), arg<"n">(std::int64_t{10}))) {
        const std::optional<double> spent = get<"spent">(row);
        std::printf("%lld %s: %lld orders, %.2f\n", static_cast<long long>(row.id), row.name.c_str(),
                    static_cast<long long>(get<"order_count">(row)), spent.value_or(0.0));
        ++rows;
    }
    return rows == 2 ? 0 : 1;  // Ada and the user with the odd name; Bob scores too low
}
