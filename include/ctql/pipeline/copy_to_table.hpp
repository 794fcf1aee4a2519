// SPDX-License-Identifier: MIT
#pragma once
// Loads a batch of rows into a table exactly once:
//
//   ctql::copy_to_table(db, users, rows);                                   // a range of tuples or structs
//   ctql::copy_to_table(db, users, ctql::delimited(file), {.update_id = "2026-11-29", .create_table = true});
//   if (ctql::copy_complete(db, users, "2026-11-29")) ...
//
// With an update_id the rows and a marker row in table_updates (keyed by
// update_id and target table) go in one transaction: a second run with the
// same update_id loads nothing and says so, two runs racing on it load once
// (the second waits on the first's marker, then finds it), and a failure
// anywhere leaves neither rows nor marker. Rows go in chunks of chunk_rows
// (one COPY FROM STDIN binary each on PostgreSQL, multi-row INSERTs on
// SQLite); the progress callback runs after each chunk, with the rows the
// database has taken so far and the input bytes they came from.
//
// `conn` is a ctql::sqlite::connection, a ctql::postgres::connection or an
// engine's ctql::connection. Inside a transaction the load is a savepoint of
// it, and is only as final as that transaction's commit.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <ranges>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctql/core/error.hpp>
#include <ctql/core/transaction_options.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/type_name.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/pipeline/delimited_text.hpp>
#include <ctql/pipeline/table_updates.hpp>
#include <ctql/pipeline/text_value.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/select.hpp>
#include <ctql/stmt/update.hpp>

namespace ctql {

struct copy_progress {
    std::uint64_t rows = 0;   // rows the database has taken (in the open transaction)
    std::uint64_t bytes = 0;  // input bytes those rows came from (delimited text; 0 for a range of rows)
};

struct copy_options {
    std::string update_id{};          // empty: no marker, the rows are loaded every time
    bool create_table = false;        // CREATE TABLE IF NOT EXISTS, in the load's transaction
    std::size_t chunk_rows = 50'000;  // rows per COPY / per savepoint, and between progress calls
    std::function<void(const copy_progress&)> progress{};
};

struct copy_result {
    std::uint64_t rows = 0;       // rows loaded by this call
    std::uint64_t bytes = 0;      // input bytes read (delimited text)
    bool already_loaded = false;  // the update_id's marker was there: nothing was loaded
};

namespace detail {

template <class Conn>
concept engine_connection = requires(Conn& c) { c.with_backend([](auto&) {}); };

// f(backend connection): the connection itself, or an engine connection's backend.
template <class Conn, class F>
decltype(auto) on_backend(Conn& conn, F&& f) {
    if constexpr (engine_connection<Conn>) return conn.with_backend(std::forward<F>(f));
    else return f(conn);
}

template <class Conn>
bool uses_sqlite(Conn& conn) {
    return on_backend(conn, [](auto& backend) {
        return std::is_same_v<typename std::remove_cvref_t<decltype(backend)>::dialect, dialect::sqlite>;
    });
}

// The target: a table (all its columns) or insert_into(t).columns(...).
template <class Target>
struct copy_target;

template <table_type Table>
struct copy_target<Table> {
    template <class... Columns>
    static constexpr auto statement(detail::type_list<Columns...>) {
        return insert_columns_statement<Table, Columns...>{};
    }
    using statement_type = decltype(statement(typename Table::ctql_columns{}));
};

template <class Table, class... Columns>
struct copy_target<insert_columns_statement<Table, Columns...>> {
    using statement_type = insert_columns_statement<Table, Columns...>;
};

template <class Statement>
struct bulk_statement_traits;
template <class Table, class... Columns>
struct bulk_statement_traits<insert_columns_statement<Table, Columns...>> {
    using table = Table;
    using columns = type_list<Columns...>;
    using row = std::tuple<typename Columns::value_type...>;
};

template <class Columns>
inline constexpr bool has_array_column = false;
template <class... Columns>
inline constexpr bool has_array_column<type_list<Columns...>> =
    ((is_std_vector<base_type_t<typename Columns::value_type>>::value &&
      !std::is_same_v<base_type_t<typename Columns::value_type>, blob>) ||
     ...);

// Delimited text as rows of the target's columns, one line at a time.
template <class Statement>
class text_row_source {
    using traits = bulk_statement_traits<Statement>;

public:
    using row_type = typename traits::row;

    explicit text_row_source(const delimited_text& text) : reader_(*text.in, text.format) {
        if (reader_.format().header) read_header(typename traits::columns{});
    }

    // Reads the next line into row(); false at the end of the input.
    bool next() {
        if (!reader_.next()) return false;
        parse(typename traits::columns{});
        return true;
    }
    const row_type& row() const { return row_; }
    std::uint64_t bytes() const { return reader_.bytes_read(); }

private:
    template <class... Columns>
    void read_header(type_list<Columns...>) {
        if (!reader_.next()) return;
        const auto& fields = reader_.fields();
        constexpr std::size_t n = sizeof...(Columns);
        const std::string_view names[] = {Columns::ctql_sql_name.view()...};
        std::string expected;
        for (std::size_t i = 0; i < n; ++i) expected += (i == 0 ? "" : ", ") + std::string(names[i]);
        for (std::size_t i = 0; i < n || i < fields.size(); ++i) {
            if (i < n && i < fields.size() && !fields[i].is_null && fields[i].text == names[i]) continue;
            std::string found = i < fields.size() ? quote_text_excerpt(fields[i].text) : "nothing";
            throw_text_error("ctql: " + reader_.where() + " (the header): column " + std::to_string(i + 1) + " is " +
                             found + ", expected " + (i < n ? "\"" + std::string(names[i]) + "\"" : "no more columns") +
                             "; the columns are: " + expected);
        }
    }

    template <class... Columns>
    void parse(type_list<Columns...>) {
        const auto& fields = reader_.fields();
        if (fields.size() != sizeof...(Columns)) {
            std::string names;
            ((names += (names.empty() ? "" : ", ") + std::string(Columns::ctql_sql_name.view())), ...);
            throw_text_error("ctql: " + reader_.where() + ": " + std::to_string(fields.size()) + " field" +
                             (fields.size() == 1 ? "" : "s") + ", expected " + std::to_string(sizeof...(Columns)) +
                             " (" + names + ")");
        }
        parse_fields<Columns...>(fields, std::index_sequence_for<Columns...>{});
    }

    template <class... Columns, std::size_t... I>
    void parse_fields(const std::vector<text_field>& fields, std::index_sequence<I...>) {
        (parse_field<Columns>(fields[I], std::get<I>(row_), I), ...);
    }

    template <class Column, class Value>
    void parse_field(const text_field& field, Value& out, std::size_t index) {
        using base = base_type_t<Value>;
        if (field.is_null) {
            if constexpr (is_nullable_v<Value>) {
                out = std::nullopt;
                return;
            } else {
                field_error<Column>(index, "NULL (" + std::string(reader_.format().null_token) +
                                               ") in a NOT NULL column");
            }
        }
        try {
            if constexpr (is_nullable_v<Value>) {
                if (!out.has_value()) out.emplace();
                if (parse_text_value<base>(field.text, *out)) return;
            } else {
                if (parse_text_value<base>(field.text, out)) return;
            }
        } catch (const data_error& e) {
            field_error<Column>(index, "cannot read " + quote_text_excerpt(field.text) + ": " + e.message());
        }
        field_error<Column>(index, "cannot read " + quote_text_excerpt(field.text) + " as " + type_name<base>());
    }

    template <class Column>
    [[noreturn]] void field_error(std::size_t index, const std::string& what) const {
        throw_text_error("ctql: " + reader_.where() + ", column " + std::to_string(index + 1) + " \"" +
                         std::string(Column::ctql_sql_name.view()) + "\": " + what);
    }

    delimited_reader reader_;
    row_type row_{};
};

// A range of rows handed out chunk by chunk.
template <std::ranges::input_range Rows>
class range_row_source {
public:
    explicit range_row_source(Rows& rows) : it_(std::ranges::begin(rows)), end_(std::ranges::end(rows)) {}

    // The next chunk of at most n rows, as a range the bulk statements take; empty at the end.
    auto next_chunk(std::size_t n) {
        if constexpr (std::ranges::forward_range<Rows>) {
            auto from = it_;
            std::ranges::advance(it_, static_cast<std::ranges::range_difference_t<Rows>>(n), end_);
            return iterator_pair{from, it_};
        } else {
            return counted_chunk{this, n};
        }
    }
    bool at_end() const { return it_ == end_; }
    static constexpr std::uint64_t bytes() { return 0; }

private:
    // The rows of a multi-pass range from one iterator to another (std::ranges::subrange
    // does not compile with clang 14 and libstdc++ 12).
    struct iterator_pair {
        std::ranges::iterator_t<Rows> from;
        std::ranges::iterator_t<Rows> to;
        auto begin() const { return from; }
        auto end() const { return to; }
    };

    // The rows of a single-pass range, n at most, read as the load asks for them.
    struct counted_chunk {
        range_row_source* source;
        std::size_t n;
        struct iterator {
            using value_type = std::ranges::range_value_t<Rows>;
            using difference_type = std::ptrdiff_t;
            range_row_source* source = nullptr;
            std::size_t left = 0;
            decltype(auto) operator*() const { return *source->it_; }
            iterator& operator++() {
                ++source->it_;
                --left;
                return *this;
            }
            void operator++(int) { ++*this; }
            friend bool operator==(const iterator& i, std::default_sentinel_t) {
                return i.left == 0 || i.source->at_end();
            }
        };
        iterator begin() const { return {source, n}; }
        static std::default_sentinel_t end() { return {}; }
    };

    std::ranges::iterator_t<Rows> it_;
    std::ranges::sentinel_t<Rows> end_;
};

// The lines of a text_row_source, n at most, parsed as the load asks for them.
// The source holds the chunk's first row already; *more turns false at the input's end.
template <class Source>
struct text_chunk {
    Source* source;
    std::size_t left;
    bool* more;

    struct iterator {
        using value_type = typename Source::row_type;
        using difference_type = std::ptrdiff_t;
        text_chunk* chunk = nullptr;
        const value_type& operator*() const { return chunk->source->row(); }
        iterator& operator++() {
            if (--chunk->left != 0) *chunk->more = chunk->source->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& i, std::default_sentinel_t) {
            return i.chunk->left == 0 || !*i.chunk->more;
        }
    };
    iterator begin() { return {this}; }
    static std::default_sentinel_t end() { return {}; }
};

template <class Statement, class Conn>
std::uint64_t load_chunk(Conn& conn, std::uint64_t loaded, auto&& chunk) {
    try {
        return static_cast<std::uint64_t>(conn(Statement{}, chunk));
    } catch (const database_error&) {
        // The backend counts the failing row within the chunk; an error of no row stays so.
        rethrow_database_error([loaded](const error_details& d) {
            error_details out = d;
            if (d.row >= 0) out.row = d.row + static_cast<std::int64_t>(loaded);
            return out;
        });
    }
}

template <class Statement, class Conn, class Source>
copy_result load_rows(Conn& conn, Source&& source, const copy_options& options) {
    const std::size_t chunk_rows = options.chunk_rows == 0 ? 1 : options.chunk_rows;
    copy_result result;
    const auto report = [&](std::uint64_t bytes) {
        result.bytes = bytes;
        if (options.progress) options.progress(copy_progress{result.rows, result.bytes});
    };
    using source_type = std::remove_cvref_t<Source>;
    if constexpr (requires { source.next_chunk(chunk_rows); }) {
        while (!source.at_end()) {
            result.rows += load_chunk<Statement>(conn, result.rows, source.next_chunk(chunk_rows));
            report(source_type::bytes());
        }
    } else {
        bool more = false;
        try {
            more = source.next();
        } catch (const database_error&) {
            rethrow_with_row(0);
        }
        while (more) {
            result.rows += load_chunk<Statement>(conn, result.rows, text_chunk<source_type>{&source, chunk_rows, &more});
            report(source.bytes());  // before the next chunk's first line is read
            if (!more) break;
            try {
                more = source.next();
            } catch (const database_error&) {
                rethrow_with_row(static_cast<std::int64_t>(result.rows));
            }
        }
        result.bytes = source.bytes();
    }
    return result;
}

template <class Markers>
constexpr bool check_marker_table() {
    static_assert(marker_table<Markers>,
                  "ctql: a marker table for copy_to_table needs the columns update_id and target_table "
                  "(std::string), inserted (ctql::timestamp) and row_count (std::int64_t); see table_updates");
    if constexpr (marker_table<Markers>) {
        static_assert(is_unique_key_v<Markers, std::remove_cvref_t<decltype(Markers{}.update_id)>,
                                      std::remove_cvref_t<decltype(Markers{}.target_table)>>,
                      "ctql: a marker table for copy_to_table needs a key on (update_id, target_table), or two "
                      "loads could not be told apart: add CTQL_TABLE_CONSTRAINTS(t, ctql::primary_key(t.update_id, "
                      "t.target_table))");
    }
    return true;
}

template <class Statement, class Conn, class Source, class Markers>
copy_result copy_exactly_once(Conn& conn, Source&& source, const copy_options& options, const Markers& markers) {
    using table = typename bulk_statement_traits<Statement>::table;
    const bool in_transaction = on_backend(conn, [](auto& backend) { return backend.in_transaction(); });
    const std::string target(table::ctql_sql_name.view());
    if (!options.update_id.empty() && !in_transaction) {
        // Before the load's transaction: two processes creating it at once could otherwise clash in the catalog.
        try {
            conn(create_table(markers));
        } catch (const database_error&) {
            conn(create_table(markers));  // the other one has just created it
        }
    }
    transaction_options begin_options;
    // SQLite: the write lock first, so that a racing run waits here rather than failing at its first write.
    if (uses_sqlite(conn)) begin_options.sqlite_mode = sqlite_begin_mode::immediate;
    auto tx = in_transaction ? conn.begin_nested() : conn.begin(begin_options);
    if (options.create_table) conn(create_table(table{}));
    if (!options.update_id.empty()) {
        if (in_transaction) conn(create_table(markers));
        const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
        // The marker first: a racing run's insert waits for this transaction, then finds the marker.
        const auto claimed = conn(insert_into(markers)
                                      .set(markers.update_id = options.update_id, markers.target_table = target,
                                           markers.inserted = now, markers.row_count = std::int64_t{0})
                                      .on_conflict(markers.update_id, markers.target_table)
                                      .do_nothing());
        if (claimed == 0) {
            tx.rollback();
            copy_result skipped;
            skipped.already_loaded = true;
            return skipped;
        }
    }
    copy_result result = load_rows<Statement>(conn, std::forward<Source>(source), options);
    if (!options.update_id.empty()) {
        conn(update(markers)
                 .set(markers.row_count = static_cast<std::int64_t>(result.rows))
                 .where(markers.update_id == options.update_id && markers.target_table == target));
    }
    tx.commit();
    return result;
}

}  // namespace detail

// Loads `rows` (a range of tuples, or of structs adapted with Boost.Hana) or
// delimited(stream) into `target` (a table, or insert_into(t).columns(...)).
template <class Conn, class Target, class Source, class Markers = table_updates_t>
copy_result copy_to_table(Conn& conn, const Target&, Source&& source, const copy_options& options = {},
                          const Markers& markers = {}) {
    static_assert(detail::check_marker_table<Markers>());
    using statement_type = typename detail::copy_target<Target>::statement_type;
    if constexpr (std::is_same_v<std::remove_cvref_t<Source>, delimited_text>) {
        static_assert(!detail::has_array_column<typename detail::bulk_statement_traits<statement_type>::columns>,
                      "ctql: an array column cannot be read from delimited text; load it from a range of rows");
        return detail::copy_exactly_once<statement_type>(conn, detail::text_row_source<statement_type>{source},
                                                         options, markers);
    } else {
        static_assert(std::ranges::input_range<Source>,
                      "ctql: copy_to_table loads a range of rows (tuples or Hana-adapted structs) or "
                      "ctql::delimited(stream)");
        return detail::copy_exactly_once<statement_type>(
            conn, detail::range_row_source<std::remove_reference_t<Source>>{source}, options, markers);
    }
}

// Whether copy_to_table has loaded `table` under `update_id` (and committed).
template <class Conn, table_type Table, class Markers = table_updates_t>
bool copy_complete(Conn& conn, const Table&, std::string_view update_id, const Markers& markers = {}) {
    static_assert(detail::check_marker_table<Markers>());
    const bool has_markers = detail::on_backend(
        conn, [](auto& backend) { return backend.has_table(Markers::ctql_sql_name.view()); });
    if (!has_markers) return false;
    const std::string target(Table::ctql_sql_name.view());
    auto found = conn(select(count()).from(markers).where(markers.update_id == std::string(update_id) &&
                                                          markers.target_table == target));
    return found.front() > 0;
}

}  // namespace ctql
