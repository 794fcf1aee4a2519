// SPDX-License-Identifier: MIT
#pragma once
// Delimited text, one row per line, as PostgreSQL's COPY text format writes
// it (the default: tab-separated, NULL written \N):
//
//   - a line ends at LF; a CR just before the LF is dropped (CRLF files);
//   - fields are split at the separator (default tab);
//   - a field that is exactly the NULL token (default \N) is NULL;
//   - a backslash escapes: \\ backslash, \t tab, \n LF, \r CR, and a
//     backslash before the separator is the separator itself; any other
//     escape, or a backslash ending the line, is an error;
//   - an optional header line holds the column names, checked in order.
//
// The reader streams: it holds one buffer of input and one line, however
// long the input is.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ctql/core/error.hpp>
#include <ctql/core/timestamp_text.hpp>

namespace ctql {

struct delimited_format {
    char separator = '\t';
    std::string null_token = "\\N";
    bool header = false;  // the first line names the columns, in the table's order
    std::string source_name = "input";  // how errors name the input, e.g. the file name
};

// Rows as delimited text from a stream: the source of copy_to_table(conn, table, delimited(in)).
struct delimited_text {
    std::istream* in;
    delimited_format format;
};

inline delimited_text delimited(std::istream& in, delimited_format format = {}) { return {&in, std::move(format)}; }

namespace detail {

[[noreturn]] [[gnu::cold]] inline void throw_text_error(std::string message, std::int64_t row = -1) {
    error_details d;
    d.message = std::move(message);
    d.row = row;
    throw data_error(std::move(d));
}

// One field of the current line: its text with escapes resolved, or NULL.
struct text_field {
    std::string_view text;
    bool is_null = false;
};

class delimited_reader {
public:
    static constexpr std::size_t read_size = 1 << 16;

    delimited_reader(std::istream& in, delimited_format format) : in_(in), format_(std::move(format)) {
        const char sep = format_.separator;
        if (sep == '\\' || sep == '\n' || sep == '\r' || sep == '\0')
            throw interface_error(std::string("ctql: the separator of delimited text cannot be ") +
                                  (sep == '\\' ? "a backslash" : sep == '\0' ? "NUL" : "a line end"));
        if (format_.null_token.find_first_of(std::string{sep, '\n', '\r'}) != std::string::npos)
            throw interface_error("ctql: the NULL token of delimited text cannot hold the separator or a line end");
    }

    // Reads the next line and splits it; false at the end of the input.
    bool next() {
        if (!read_line()) return false;
        ++line_number_;
        split();
        return true;
    }

    const std::vector<text_field>& fields() const { return fields_; }
    // The line just read, counting from 1 (the header is line 1 when there is one).
    std::uint64_t line_number() const { return line_number_; }
    // Bytes of input consumed up to the end of the line just read.
    std::uint64_t bytes_read() const { return bytes_read_; }
    const delimited_format& format() const { return format_; }

    // "users.tsv, line 7000": where the line just read is.
    std::string where() const { return format_.source_name + ", line " + std::to_string(line_number_); }

private:
    bool read_line() {
        line_.clear();
        for (;;) {
            if (pos_ == end_ && !fill()) {
                if (line_.empty() && !partial_) return false;
                partial_ = false;
                break;  // a last line without LF
            }
            const char* start = buffer_.data() + pos_;
            const void* lf = std::memchr(start, '\n', end_ - pos_);
            const std::size_t n = lf == nullptr ? end_ - pos_ : static_cast<std::size_t>(static_cast<const char*>(lf) - start);
            line_.append(start, n);
            pos_ += n;
            bytes_read_ += n;
            if (lf != nullptr) {
                ++pos_;
                ++bytes_read_;
                partial_ = false;
                break;
            }
            partial_ = true;
        }
        if (!line_.empty() && line_.back() == '\r') line_.pop_back();
        return true;
    }

    bool fill() {
        if (buffer_.size() != read_size) buffer_.resize(read_size);
        in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        const std::streamsize got = in_.gcount();
        if (in_.bad()) {
            error_details d;
            d.message = "ctql: reading " + format_.source_name + " failed after line " + std::to_string(line_number_);
            throw operational_error(std::move(d));
        }
        pos_ = 0;
        end_ = static_cast<std::size_t>(got);
        return got > 0;
    }

    // Splits line_ into fields_, resolving escapes into unescaped_ (the views point there).
    void split() {
        fields_.clear();
        bounds_.clear();
        unescaped_.clear();
        unescaped_.reserve(line_.size());
        const char sep = format_.separator;
        const std::string& null_token = format_.null_token;
        std::size_t i = 0;
        for (;;) {
            const std::size_t from = unescaped_.size();
            // A field that is exactly the NULL token, as written (\N stays text).
            if (line_.compare(i, null_token.size(), null_token) == 0 &&
                (i + null_token.size() == line_.size() || line_[i + null_token.size()] == sep)) {
                bounds_.push_back({from, from, true});
                i += null_token.size();
            } else {
                for (; i < line_.size() && line_[i] != sep; ++i) {
                    if (line_[i] != '\\') {
                        unescaped_.push_back(line_[i]);
                        continue;
                    }
                    if (++i == line_.size()) field_error("the line ends in a backslash (write a backslash as \\\\)");
                    switch (const char e = line_[i]) {
                        case '\\': unescaped_.push_back('\\'); break;
                        case 't': unescaped_.push_back('\t'); break;
                        case 'n': unescaped_.push_back('\n'); break;
                        case 'r': unescaped_.push_back('\r'); break;
                        default:
                            if (e != sep)
                                field_error("unknown escape \\" + printable_char(e) +
                                            " (known: \\\\ \\t \\n \\r, and a backslash before the separator)");
                            unescaped_.push_back(sep);
                    }
                }
                bounds_.push_back({from, unescaped_.size(), false});
            }
            if (i == line_.size()) break;
            ++i;  // the separator
        }
        for (const field_bounds& b : bounds_)
            fields_.push_back({std::string_view(unescaped_).substr(b.from, b.to - b.from), b.is_null});
    }

    static std::string printable_char(char c) {
        const std::string quoted = quote_text_excerpt(std::string_view(&c, 1));
        return quoted.substr(1, quoted.size() - 2);
    }

    [[noreturn]] void field_error(const std::string& what) const {
        throw_text_error("ctql: " + where() + ", field " + std::to_string(bounds_.size() + 1) + ": " + what);
    }

    struct field_bounds {
        std::size_t from;
        std::size_t to;
        bool is_null;
    };

    std::istream& in_;
    delimited_format format_;
    std::string buffer_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    bool partial_ = false;
    std::string line_;
    std::string unescaped_;
    std::vector<field_bounds> bounds_;
    std::vector<text_field> fields_;
    std::uint64_t line_number_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace detail
}  // namespace ctql
