// SPDX-License-Identifier: MIT
#pragma once
// The plan the database chooses for a statement, as text:
//
//   std::string plan = ctql::explain(db, top, ctql::arg<"min">(50.0));
//
// SQLite: EXPLAIN QUERY PLAN, one line per step, indented under its parent.
// PostgreSQL: EXPLAIN, its lines as it prints them. The statement's values
// and arguments are bound as when it runs (the plan can depend on them), and
// it is not executed: EXPLAIN without ANALYZE only plans.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctql/dialect/postgres.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/result/row.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace detail {
// The rows each dialect's EXPLAIN returns.
template <class Dialect>
struct explain_rows;
template <>
struct explain_rows<dialect::sqlite> {
    // id, parent, notused, detail
    using type = row<row_field<0, unnamed_member<std::int64_t>>, row_field<1, unnamed_member<std::int64_t>>,
                     row_field<2, unnamed_member<std::int64_t>>, row_field<3, unnamed_member<std::string>>>;
    static constexpr std::string_view prefix = "EXPLAIN QUERY PLAN ";
    static constexpr std::size_t columns = 4;
};
template <>
struct explain_rows<dialect::postgres> {
    using type = std::string;  // QUERY PLAN
    static constexpr std::string_view prefix = "EXPLAIN ";
    static constexpr std::size_t columns = 1;
};
}  // namespace detail

// EXPLAIN of Statement in Dialect: the statement's text after the prefix,
// with its parameters and values.
template <statement Statement, class Dialect>
struct explain_statement : statement_base<explain_statement<Statement, Dialect>> {
    using rows = detail::explain_rows<Dialect>;
    using result_row = typename rows::type;
    using params = typename Statement::params;
    static constexpr bool is_query = true;
    static constexpr std::size_t column_count = rows::columns;
    static constexpr std::array<std::string_view, rows::columns> column_names{};
    static constexpr bool check() { return Statement::check(); }

    Statement explained;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(rows::prefix);
        render::node<Statement>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        explained.each_value(visit);
    }
};

template <class Connection, statement Statement, named_argument_type... Arguments>
std::string explain(Connection& db, const Statement& stmt, const Arguments&... args) {
    if constexpr (requires { typename Connection::dialect; }) {
        using connection_dialect = typename Connection::dialect;
        const explain_statement<Statement, connection_dialect> query{{}, stmt};
        std::string plan;
        if constexpr (std::is_same_v<connection_dialect, dialect::sqlite>) {
            std::map<std::int64_t, int> depth;
            for (const auto& [id, parent, unused, step] : db(query, args...).to_vector()) {
                (void)unused;
                const int level = parent == 0 ? 0 : depth[parent] + 1;
                depth[id] = level;
                plan.append(static_cast<std::size_t>(level) * 2, ' ').append(step).append("\n");
            }
        } else {
            for (const auto& line : db(query, args...).to_vector()) plan.append(line).append("\n");
        }
        return plan;
    } else {
        return db.with_backend([&](auto& backend) { return explain(backend, stmt, args...); });
    }
}

}  // namespace ctql
