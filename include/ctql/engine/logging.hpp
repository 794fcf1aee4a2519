// SPDX-License-Identifier: MIT
#pragma once
// Statement logging ("echo"): the SQL, its bound values with secrets masked,
// the duration and the row count, sent to a pluggable sink.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <ctql/core/date_text.hpp>
#include <ctql/core/timestamp_text.hpp>
#include <ctql/core/printable_text.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/parameter.hpp>

namespace ctql {

// Every text in an event is printable: control characters in values and
// messages arrive escaped (see core/printable_text.hpp), so one event is one line.
struct statement_event {
    std::string_view database;    // the engine's URL, password hidden
    std::string_view sql;         // the statement text (never values)
    std::string_view parameters;  // bound values as text, secrets as ***
    std::chrono::nanoseconds duration{};
    std::int64_t rows = 0;        // rows returned by a select, or changed by anything else
    std::string_view error;       // empty unless the statement failed
};

using log_sink = std::function<void(const statement_event&)>;

// One line per statement on stderr, written whole even with many threads.
inline log_sink stderr_sink() {
    return [](const statement_event& e) {
        static std::mutex lock;
        const double ms = std::chrono::duration<double, std::milli>(e.duration).count();
        std::lock_guard guard(lock);
        if (e.error.empty())
            fmt::print(stderr, "[ctql] {} | {} | {:.3f} ms | {} rows | {}\n", e.sql, e.parameters, ms, e.rows, e.database);
        else
            fmt::print(stderr, "[ctql] {} | {} | {:.3f} ms | failed: {} | {}\n", e.sql, e.parameters, ms, e.error,
                       e.database);
    };
}

struct echo_options {
    bool enabled = false;
    // Only statements at least this slow are logged (all of them when unset).
    std::optional<std::chrono::microseconds> slow_threshold{};
    log_sink sink{};  // stderr_sink() when empty
};

namespace detail {

// Formats a statement's bound values in placeholder order, masking secrets.
template <class... Arguments>
struct parameter_formatter {
    const argument_list<Arguments...>& arguments;
    std::string out = "(";
    bool first = true;

    template <class V>
    void operator()(const V& v) {
        separate();
        if constexpr (is_named_parameter_v<V>) {
            write(argument_value<V::name>(arguments));
        } else {
            write(v);
        }
    }
    template <class V>
    void secret(const V&) {
        separate();
        out += "***";
    }
    std::string finish() && {
        out += ')';
        return std::move(out);
    }

private:
    void separate() {
        if (!first) out += ", ";
        first = false;
    }
    template <class V>
    void write(const V& v) {
        if constexpr (std::is_same_v<V, null_t> || std::is_same_v<V, std::nullopt_t>) {
            out += "NULL";
        } else if constexpr (requires { v.has_value(); *v; }) {
            if (v) write(*v);
            else out += "NULL";
        } else if constexpr (requires { requires mapped_type<V>; }) {
            write(column_mapping<V>::to_stored(v));
        } else if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::string_view>) {
            out += '\'';
            append_printable(out, v, 200, '\'');
            out += '\'';
        } else if constexpr (std::is_same_v<V, json>) {
            write(std::string_view(v.text));
        } else if constexpr (is_decimal_v<V> || std::is_same_v<V, uuid>) {
            out += '\'';
            out += v.to_string();
            out += '\'';
        } else if constexpr (requires { requires kind_of_v<V> == sql_kind::array; }) {
            out += fmt::format("<array of {}>", v.size());
        } else if constexpr (std::is_same_v<V, blob>) {
            out += fmt::format("<{} bytes>", v.size());
        } else if constexpr (std::is_same_v<V, bool>) {
            out += v ? "true" : "false";
        } else if constexpr (std::is_arithmetic_v<V>) {
            out += fmt::format("{}", v);
        } else if constexpr (std::is_same_v<V, std::chrono::sys_days>) {
            date_buffer text;
            const std::size_t n = write_date(v, text);
            out += '\'';
            out.append(text, n);
            out += '\'';
        } else if constexpr (requires { typename V::duration; }) {
            timestamp_buffer text;
            const std::size_t n = write_timestamp(v, text);
            out += '\'';
            out.append(text, n);
            out += '\'';
        } else {
            out += "?";
        }
    }
};

template <class Statement, class... Arguments>
std::string format_parameters(const Statement& stmt, const Arguments&... args) {
    const auto arguments = make_argument_list(args...);
    parameter_formatter<Arguments...> formatter{arguments};
    stmt.each_value(formatter);
    return std::move(formatter).finish();
}

}  // namespace detail
}  // namespace ctql
