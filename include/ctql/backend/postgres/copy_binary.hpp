// SPDX-License-Identifier: MIT
#pragma once
// Bulk loading through COPY ... FROM STDIN (FORMAT binary): the fastest way
// into PostgreSQL, because the server neither plans per row nor parses text.
//
// COPY BINARY carries no type information: each field must use exactly the
// binary encoding of its target column's type (see the mapping in codec.hpp),
// or the server rejects the data ("incorrect binary data format", 22P03) —
// unlike a bound parameter, there is no implicit cast.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/backend/postgres/codec.hpp>
#include <ctql/backend/postgres/error.hpp>
#include <ctql/core/error.hpp>

namespace ctql::postgres::detail {

// Builds the byte stream of COPY BINARY: header, tuples, trailer. The bytes
// may be taken out in pieces (clear()/take()) as they are sent; what follows
// is then a continuation of the same stream.
class copy_binary_writer {
public:
    copy_binary_writer() {
        // signature, then 32-bit flags (no OIDs) and header-extension length
        static constexpr char header[] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0',
                                          0,   0,   0,   0,   0,   0,   0,    0};
        buf_.append(header, sizeof header);
    }

    void begin_row(std::size_t n_fields) {
        if (n_fields > static_cast<std::size_t>(std::numeric_limits<std::int16_t>::max())) {
            throw interface_error("ctql: a COPY row cannot have " + std::to_string(n_fields) + " fields");
        }
        char count[2];
        put_be16(count, static_cast<std::uint16_t>(n_fields));
        buf_.append(count, 2);
    }

    // Any value a parameter accepts, with the same encoding; NULL for an
    // empty optional, null_t, std::nullopt or a null C string.
    template <class T>
        requires bindable<std::remove_cvref_t<T>>
    void field(const T& v) {
        if constexpr (needs_encoding_v<T>) {
            encoded_field(v);
        } else {
            char fixed[4 + 8];  // length prefix, then room for any fixed-size value
            const char* value = nullptr;
            int length = 0;
            Oid type = 0;
            bind_param(v, value, length, type, fixed + 4);
            put_be32(fixed, value == nullptr ? 0xFFFF'FFFFu : static_cast<std::uint32_t>(length));
            if (value == fixed + 4) {
                buf_.append(fixed, 4 + static_cast<std::size_t>(length));
            } else {
                buf_.append(fixed, 4);
                if (value != nullptr) buf_.append(value, static_cast<std::size_t>(length));
            }
        }
    }

    void null_field() { field(null); }

    // A value built by encode_to, written in place after its length.
    template <class T>
    void encoded_field(const T& v) {
        if constexpr (is_optional<T>::value) {
            if (v.has_value()) encoded_field(*v);
            else null_field();
        } else {
            const std::size_t at = buf_.size();
            buf_.append(4, '\0');
            codec<T>::encode_to(v, buf_);
            const std::size_t length = buf_.size() - at - 4;
            if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
                throw_data_error("a value of " + std::to_string(length) + " bytes is larger than COPY takes");
            put_be32(buf_.data() + at, static_cast<std::uint32_t>(length));
        }
    }

    // Appends the trailer; nothing may follow it.
    void finish() {
        char trailer[2];
        put_be16(trailer, 0xFFFF);
        buf_.append(trailer, 2);
    }

    std::string_view data() const noexcept { return buf_; }
    std::size_t size() const noexcept { return buf_.size(); }
    void reserve(std::size_t n) { buf_.reserve(n); }

    // Drops the bytes held so far (after sending them), keeping the capacity.
    void clear() noexcept { buf_.clear(); }
    // Hands over the bytes held so far; the writer continues the same stream.
    std::string take() noexcept { return std::exchange(buf_, std::string()); }
    // Undoes a partly written row, so that a value that fails to encode does
    // not corrupt the stream.
    void truncate(std::size_t size) noexcept { buf_.resize(std::min(size, buf_.size())); }

private:
    std::string buf_;
};

namespace copy_impl {

struct result_closer {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using owned_result = std::unique_ptr<PGresult, result_closer>;

struct outcome {
    owned_result error;  // the first failure, if any
    owned_result done;   // the last successful completion (carries the row count)
};

// Reads results until libpq has none left, ending any COPY still open (a
// COPY IN keeps reporting PGRES_COPY_IN until it is ended).
inline outcome collect_results(PGconn* conn, const char* abort_reason) noexcept {
    outcome out;
    while (owned_result r{PQgetResult(conn)}) {
        switch (PQresultStatus(r.get())) {
            case PGRES_COPY_IN:
                if (PQputCopyEnd(conn, abort_reason) != 1) return out;  // connection gone
                break;
            case PGRES_COPY_OUT: {
                char* row = nullptr;
                while (PQgetCopyData(conn, &row, 0) > 0) PQfreemem(row);
                break;
            }
            case PGRES_FATAL_ERROR:
            case PGRES_BAD_RESPONSE:
            case PGRES_NONFATAL_ERROR:
                if (!out.error) out.error = std::move(r);
                break;
            default: out.done = std::move(r); break;
        }
    }
    return out;
}

[[noreturn]] inline void fail(PGconn* conn, std::string_view sql, std::string_view what) {
    // The server's own error (say, a constraint that failed on an earlier
    // row) explains more than libpq's complaint about the send.
    outcome out = collect_results(conn, "ctql: sending COPY data failed");
    if (out.error) throw_result_error(out.error.get(), conn, sql);
    throw_connection_error(conn, what);
}

inline std::uint64_t rows_of(const PGresult* r) noexcept {
    const std::string_view text = PQcmdTuples(const_cast<PGresult*>(r));
    std::uint64_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    return n;
}

}  // namespace copy_impl

// Pieces larger than this are split, so that libpq's output buffer stays small.
inline constexpr std::size_t copy_chunk_bytes = std::size_t{1} << 20;

// Runs the COPY ... FROM STDIN statement and leaves the connection in COPY IN.
inline void begin_copy_in(PGconn* conn, std::string_view sql) {
    const std::string text(sql);
    copy_impl::owned_result r{PQexec(conn, text.c_str())};
    if (r && PQresultStatus(r.get()) == PGRES_COPY_IN) return;
    if (!r || PQresultStatus(r.get()) == PGRES_FATAL_ERROR) throw_result_error(r.get(), conn, sql);
    r.reset();
    copy_impl::collect_results(conn, "ctql: not a COPY FROM STDIN statement");
    error_details d;
    d.message = "the statement did not start COPY FROM STDIN";
    d.sql = text;
    throw programming_error(std::move(d));
}

// Sends COPY data; on failure the COPY is over and the error is thrown.
inline void put_copy_data(PGconn* conn, std::string_view data, std::string_view sql) {
    while (!data.empty()) {
        const std::size_t n = std::min(data.size(), copy_chunk_bytes);
        if (PQputCopyData(conn, data.data(), static_cast<int>(n)) != 1) {
            copy_impl::fail(conn, sql, "sending COPY data failed");
        }
        data.remove_prefix(n);
    }
}

// Ends the COPY successfully and returns the number of rows it stored;
// throws the server's error if any row was refused (then none are stored).
inline std::uint64_t end_copy_in(PGconn* conn, std::string_view sql) {
    if (PQputCopyEnd(conn, nullptr) != 1) copy_impl::fail(conn, sql, "ending COPY failed");
    copy_impl::outcome out = copy_impl::collect_results(conn, nullptr);
    if (out.error) throw_result_error(out.error.get(), conn, sql);
    if (!out.done) throw_connection_error(conn, "COPY ended without a result");
    return copy_impl::rows_of(out.done.get());
}

// Ends the COPY so that the server discards everything sent; the connection
// stays usable (outside a transaction; inside one, the transaction is failed).
inline void abort_copy_in(PGconn* conn, const char* reason) noexcept {
    if (PQputCopyEnd(conn, reason) != 1) return;
    copy_impl::collect_results(conn, reason);
}

// One-shot load of a complete COPY BINARY stream (header to trailer).
inline std::uint64_t copy_in(PGconn* conn, std::string_view sql, std::string_view data) {
    begin_copy_in(conn, sql);
    put_copy_data(conn, data, sql);
    return end_copy_in(conn, sql);
}

// Streams rows into COPY ... FROM STDIN (FORMAT binary), sending whenever
// the buffer passes flush_bytes, so memory stays flat however many rows go
// in. Rows reach the table only when finish() succeeds; destroying the stream
// unfinished aborts the COPY and stores nothing.
class copy_in_stream {
public:
    static constexpr std::size_t default_flush_bytes = copy_chunk_bytes;

    // `sql` is e.g. COPY "t" ("a", "b") FROM STDIN (FORMAT binary)
    copy_in_stream(PGconn* conn, std::string sql, std::size_t flush_bytes = default_flush_bytes)
        : conn_(conn), sql_(std::move(sql)), flush_bytes_(std::max<std::size_t>(flush_bytes, 1)) {
        writer_.reserve(std::min(flush_bytes_, copy_chunk_bytes) + 4096);
        begin_copy_in(conn_, sql_);
        state_ = state::open;
    }

    copy_in_stream(const copy_in_stream&) = delete;
    copy_in_stream& operator=(const copy_in_stream&) = delete;

    ~copy_in_stream() {
        if (state_ == state::open) abort_copy_in(conn_, "ctql: copy_in_stream destroyed before finish()");
    }

    // One field per column of the COPY statement, in its order.
    template <class... T>
        requires(bindable<std::remove_cvref_t<T>> && ...)
    void write_row(const T&... fields) {
        require_open();
        const std::size_t mark = writer_.size();
        try {
            writer_.begin_row(sizeof...(T));
            (writer_.field(fields), ...);
        } catch (...) {
            writer_.truncate(mark);  // the stream stays valid; the caller may go on or give up
            throw;
        }
        ++rows_;
        if (writer_.size() >= flush_bytes_) flush();
    }

    // Sends the rest and commits the COPY; returns the number of rows stored.
    std::uint64_t finish() {
        require_open();
        writer_.finish();
        state_ = state::closed;  // from here on, failures end the COPY themselves
        put_copy_data(conn_, writer_.data(), sql_);
        writer_.clear();
        return end_copy_in(conn_, sql_);
    }

    // Gives up: the server discards every row sent.
    void abort(const char* reason = "ctql: COPY aborted") noexcept {
        if (state_ != state::open) return;
        state_ = state::closed;
        abort_copy_in(conn_, reason);
    }

    std::uint64_t rows_written() const noexcept { return rows_; }
    std::size_t buffered_bytes() const noexcept { return writer_.size(); }

private:
    enum class state { starting, open, closed };

    void require_open() const {
        if (state_ != state::open) throw interface_error("ctql: the COPY stream is already finished or failed");
    }

    void flush() {
        try {
            put_copy_data(conn_, writer_.data(), sql_);
        } catch (...) {
            state_ = state::closed;
            throw;
        }
        writer_.clear();
    }

    PGconn* conn_;
    std::string sql_;
    std::size_t flush_bytes_;
    copy_binary_writer writer_;
    std::uint64_t rows_ = 0;
    state state_ = state::starting;
};

}  // namespace ctql::postgres::detail
