// SPDX-License-Identifier: MIT
#pragma once
// The rows of a select, read lazily from a prepared statement: one row is
// decoded per step, so iterating a large result keeps memory flat.
#include <sqlite3.h>

#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <ctql/backend/sqlite/codec.hpp>
#include <ctql/backend/sqlite/error.hpp>
#include <ctql/core/error.hpp>
#include <ctql/result/decode.hpp>

namespace ctql::sqlite {

namespace detail {
// Returns the statement to its cache (or finalizes a one-off) when the rows are done.
struct statement_lease {
    sqlite3* db = nullptr;
    sqlite3_stmt* st = nullptr;
    bool* busy = nullptr;  // the cache entry's flag; null for a one-off statement
    std::string_view sql;

    statement_lease() = default;
    statement_lease(sqlite3* d, sqlite3_stmt* s, bool* b, std::string_view text) : db(d), st(s), busy(b), sql(text) {}
    statement_lease(statement_lease&& other) noexcept
        : db(other.db), st(std::exchange(other.st, nullptr)), busy(other.busy), sql(other.sql) {}
    statement_lease& operator=(statement_lease&& other) noexcept {
        if (this != &other) {
            release();
            db = other.db;
            st = std::exchange(other.st, nullptr);
            busy = other.busy;
            sql = other.sql;
        }
        return *this;
    }
    statement_lease(const statement_lease&) = delete;
    statement_lease& operator=(const statement_lease&) = delete;
    ~statement_lease() { release(); }

    void release() noexcept {
        if (st == nullptr) return;
        if (busy != nullptr) {
            sqlite3_reset(st);
            *busy = false;
        } else {
            sqlite3_finalize(st);
        }
        st = nullptr;
    }
};

// Reads column `index` of the statement's current row.
struct column_reader {
    sqlite3_stmt* st;
    template <class T>
    T operator()(int index) const {
        return read<T>(st, index);
    }
    // Text straight into an existing string; anything unusual (NULL, errors)
    // takes the checked path of read().
    template <class T, class Member>
        requires std::is_same_v<T, std::string> && std::is_same_v<Member, std::string>
    void into(Member& out, int index) const {
        if (const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index)))
            out.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index)));
        else
            out = read<T>(st, index);
    }
};

[[noreturn]] inline void throw_read_twice() {
    throw interface_error(
        "ctql: this result was read already: rows are read once, as they come; keep them with to_vector() to "
        "go over them again");
}

// Steps a leased statement; the part of a result that does not depend on
// the row type, so it is compiled once rather than once per statement.
class cursor {
public:
    explicit cursor(statement_lease lease) : lease_(std::move(lease)) {}

    // Moves to the next row; false after the last one, when the statement
    // has already gone back to its cache. A failed step throws.
    bool step() {
        if (lease_.st == nullptr) return false;
        const int rc = sqlite3_step(lease_.st);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) {
            const std::string sql(lease_.sql);
            sqlite3* db = lease_.db;
            lease_.release();
            throw_error(db, rc, sql);
        }
        lease_.release();
        return false;
    }
    column_reader reader() const { return column_reader{lease_.st}; }
    [[noreturn]] void throw_no_rows() const {
        throw interface_error("ctql: front() on a result with no rows; SQL: " + std::string(lease_.sql));
    }

private:
    statement_lease lease_;
};
}  // namespace detail

// A single-pass range of rows. Moving it is cheap; it is not copyable.
// Decoder is ctql::detail::statement_row<Statement> or struct_row<Statement, Struct>.
template <class Decoder>
class basic_result {
public:
    using value_type = typename Decoder::value_type;
    using statement = typename Decoder::statement;  // for to_frame / write_csv: the column names

    explicit basic_result(detail::statement_lease lease) : cursor_(std::move(lease)) {
        advance();
        read_ = false;
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = typename Decoder::value_type;
        using difference_type = std::ptrdiff_t;
        using reference = value_type&;
        using pointer = value_type*;

        iterator() = default;
        explicit iterator(basic_result* owner) : owner_(owner) {}
        reference operator*() const { return owner_->current_; }
        pointer operator->() const { return &owner_->current_; }
        iterator& operator++() {
            owner_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(std::default_sentinel_t) const { return owner_ == nullptr || !owner_->has_row_; }

    private:
        basic_result* owner_ = nullptr;
    };

    // Rows are read once, as they come: a second pass finds them gone, and
    // says so rather than yielding nothing.
    iterator begin() {
        if (read_) detail::throw_read_twice();
        return iterator{this};
    }
    std::default_sentinel_t end() { return {}; }

    bool empty() const { return !has_row_; }

    // The first row; for a one-column select, the value itself.
    value_type front() {
        if (!has_row_) cursor_.throw_no_rows();
        read_ = true;
        return std::move(current_);
    }
    // The first row, or nothing when there is none.
    std::optional<value_type> first() {
        if (!has_row_) return std::nullopt;
        read_ = true;
        return std::move(current_);
    }

    // Decodes the remaining rows straight into the vector.
    std::vector<value_type> to_vector() {
        if (read_) detail::throw_read_twice();
        read_ = true;
        std::vector<value_type> rows;
        if (!has_row_) return rows;
        rows.push_back(std::move(current_));
        has_row_ = false;
        while (cursor_.step()) rows.push_back(Decoder::decode(cursor_.reader()));
        return rows;
    }

    // The same rows, each mapped onto a struct adapted with Boost.Hana.
    template <class Struct>
    auto as() && {
        static_assert(ctql::detail::check_mapping<Struct, typename Decoder::statement>());
        return basic_result<ctql::detail::struct_row<typename Decoder::statement, Struct>>(std::move(cursor_), has_row_);
    }

private:
    template <class>
    friend class basic_result;

    // Continues another result's rows; its current row is decoded again, as this result's type.
    basic_result(detail::cursor c, bool has_row) : cursor_(std::move(c)), has_row_(has_row) {
        if (has_row_) current_ = Decoder::decode(cursor_.reader());
    }

    void advance() {
        read_ = true;
        has_row_ = cursor_.step();
        if (has_row_) current_ = Decoder::decode(cursor_.reader());
    }

    detail::cursor cursor_;
    // The current row, reused from row to row: assigning into it keeps string capacity.
    value_type current_{};
    bool has_row_ = false;
    bool read_ = false;  // rows have been taken: another pass would find none
};

template <class Statement>
using result = basic_result<ctql::detail::statement_row<Statement>>;

}  // namespace ctql::sqlite
