// SPDX-License-Identifier: MIT
#pragma once
// Rows of a select on PostgreSQL, in binary format. `result` holds a whole
// PGresult; `stream_result` reads one row at a time (libpq's single-row mode)
// so that iterating any number of rows keeps memory flat.
#include <libpq-fe.h>

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <ctql/backend/postgres/codec.hpp>
#include <ctql/backend/postgres/error.hpp>
#include <ctql/core/error.hpp>
#include <ctql/result/decode.hpp>

namespace ctql::postgres {

namespace detail {
struct result_deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

struct field_reader {
    const PGresult* r;
    int row;
    template <class T>
    T operator()(int col) const {
        return read<T>(r, row, col);
    }
};

// Type checks run once per result, against the column types the server reports.
template <class Row>
struct row_types;
template <class... Fields>
struct row_types<ctql::row<Fields...>> {
    static void check(const PGresult* r) { check_result_types<std::tuple_element_t<Fields::ctql_index, ctql::row<Fields...>>...>(r); }
};
template <class Row>
    requires(!requires { typename Row::fields; })
struct row_types<Row> {
    static void check(const PGresult* r) { check_result_types<Row>(r); }
};

template <class Decoder>
void check_types(const PGresult* r) {
    row_types<typename Decoder::statement::result_row>::check(r);
}
}  // namespace detail

// All rows of a select, held by the client; decoded as they are iterated.
template <class Decoder>
class basic_result {
public:
    using value_type = typename Decoder::value_type;
    using statement = typename Decoder::statement;  // for to_frame / write_csv: the column names

    explicit basic_result(detail::result_ptr r) : result_(std::move(r)), rows_(PQntuples(result_.get())) {
        detail::check_types<Decoder>(result_.get());
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = typename Decoder::value_type;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        iterator(const PGresult* r, int row) : r_(r), row_(row) {}
        value_type operator*() const { return Decoder::decode(detail::field_reader{r_, row_}); }
        iterator& operator++() {
            ++row_;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++row_;
            return old;
        }
        bool operator==(const iterator& other) const { return row_ == other.row_; }

    private:
        const PGresult* r_ = nullptr;
        int row_ = 0;
    };

    iterator begin() const { return {result_.get(), 0}; }
    iterator end() const { return {result_.get(), rows_}; }
    std::size_t size() const { return static_cast<std::size_t>(rows_); }
    bool empty() const { return rows_ == 0; }

    value_type front() const {
        if (rows_ == 0)
            throw interface_error("ctql: front() on a result with no rows");
        return *begin();
    }
    std::optional<value_type> first() const {
        if (rows_ == 0) return std::nullopt;
        return *begin();
    }
    std::vector<value_type> to_vector() const {
        std::vector<value_type> out;
        out.reserve(size());
        for (int i = 0; i < rows_; ++i) out.push_back(Decoder::decode(detail::field_reader{result_.get(), i}));
        return out;
    }

    template <class Struct>
    auto as() && {
        static_assert(ctql::detail::check_mapping<Struct, typename Decoder::statement>());
        return basic_result<ctql::detail::struct_row<typename Decoder::statement, Struct>>(std::move(result_));
    }

private:
    detail::result_ptr result_;
    int rows_;
};

template <class Statement>
using result = basic_result<ctql::detail::statement_row<Statement>>;

class connection;

// Rows read one at a time as they arrive. While it is open the connection
// runs nothing else; finishing early cancels the query on the server.
template <class Decoder>
class basic_stream_result {
public:
    using value_type = typename Decoder::value_type;
    using statement = typename Decoder::statement;  // for to_frame / write_csv: the column names

    basic_stream_result(PGconn* conn, bool* busy, std::string_view sql) : conn_(conn), busy_(busy), sql_(sql) {
        advance();
        read_ = false;
    }
    basic_stream_result(basic_stream_result&& other) noexcept
        : conn_(std::exchange(other.conn_, nullptr)),
          busy_(other.busy_),
          sql_(other.sql_),
          checked_(other.checked_),
          has_row_(other.has_row_),
          read_(other.read_),
          current_(std::move(other.current_)) {}
    basic_stream_result& operator=(basic_stream_result&&) = delete;
    ~basic_stream_result() { close(); }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = typename Decoder::value_type;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(basic_stream_result* owner) : owner_(owner) {}
        value_type& operator*() const { return owner_->current_; }
        iterator& operator++() {
            owner_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(std::default_sentinel_t) const { return owner_ == nullptr || !owner_->has_row_; }

    private:
        basic_stream_result* owner_ = nullptr;
    };

    // Rows stream by once: a second pass finds them gone, and says so.
    iterator begin() {
        if (read_) throw_read_twice();
        return iterator{this};
    }
    std::default_sentinel_t end() { return {}; }

    std::vector<value_type> to_vector() {
        if (read_) throw_read_twice();
        std::vector<value_type> rows;
        while (has_row_) {
            rows.push_back(std::move(current_));
            advance();
        }
        return rows;
    }

private:
    [[noreturn]] static void throw_read_twice() {
        throw interface_error(
            "ctql: this stream was read already: rows stream by once; keep them with to_vector() to go over them "
            "again");
    }

    void advance() {
        read_ = true;
        has_row_ = false;
        if (conn_ == nullptr) return;
        detail::result_ptr r{PQgetResult(conn_)};
        if (!r) {
            finish();
            return;
        }
        const ExecStatusType status = PQresultStatus(r.get());
        if (status == PGRES_SINGLE_TUPLE) {
            if (!checked_) {
                detail::check_types<Decoder>(r.get());
                checked_ = true;
            }
            current_ = Decoder::decode(detail::field_reader{r.get(), 0});
            has_row_ = true;
        } else if (status == PGRES_TUPLES_OK) {
            finish();  // the end of the rows
        } else {
            std::string sql(sql_);
            PGconn* conn = conn_;
            finish();
            detail::throw_result_error(r.get(), conn, sql);
        }
    }

    // Reads what is left so that the connection can run the next command.
    void finish() noexcept {
        if (conn_ == nullptr) return;
        while (PGresult* r = PQgetResult(conn_)) PQclear(r);
        *busy_ = false;
        conn_ = nullptr;
    }

    void close() noexcept {
        if (conn_ == nullptr) return;
        if (PGcancel* cancel = PQgetCancel(conn_)) {
            char message[256];
            PQcancel(cancel, message, sizeof message);
            PQfreeCancel(cancel);
        }
        finish();
    }

    PGconn* conn_;
    bool* busy_;
    std::string_view sql_;
    bool checked_ = false;
    bool has_row_ = false;
    bool read_ = false;
    value_type current_{};  // reused from row to row: assigning keeps string capacity
};

template <class Statement>
using stream_result = basic_stream_result<ctql::detail::statement_row<Statement>>;

}  // namespace ctql::postgres
