// SPDX-License-Identifier: MIT
#pragma once
// Results and frames written as CSV or TSV, for the next step of a pipeline:
//
//   ctql::write_csv(std::cout, db(query));             // header line, then a line per row
//   ctql::write_tsv(file, frame, {.null_text = "\\N"});
//
// Quoting follows RFC 4180: a field that holds the separator, a quote, CR or
// LF is quoted and its quotes doubled. NULL is written as the null text
// (empty by default, unquoted); an empty string is always written quoted
// ("") so that the two stay apart, and so is a value that equals the null
// text. Lines end with CRLF as RFC 4180 says, or LF. Values are written in
// their exact SQL text form (result/frame_text.hpp). A result is written as
// its rows arrive: nothing is buffered beyond one line.
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include <ctql/core/error.hpp>
#include <ctql/result/frame.hpp>
#include <ctql/result/frame_text.hpp>

namespace ctql {

enum class line_end { crlf, lf };

struct csv_options {
    char separator = ',';
    line_end newline = line_end::crlf;
    bool header = true;            // a first line with the column names
    std::string null_text = "";    // what NULL is written as, unquoted
};

namespace detail {

class csv_line {
public:
    explicit csv_line(const csv_options& options) : options_(options) {
        const char s = options.separator;
        if (s == '"' || s == '\r' || s == '\n')
            throw interface_error("ctql: write_csv: the separator cannot be a quote, CR or LF");
        for (const char c : options.null_text)
            if (c == s || c == '"' || c == '\r' || c == '\n')
                throw interface_error("ctql: write_csv: the null text \"" + options.null_text +
                                      "\" holds the separator, a quote, CR or LF, so it would not read back as NULL");
    }

    // Starts a field (a separator before all but the first).
    void next_field() {
        if (fields_++ != 0) line_ += options_.separator;
    }

    void text(std::string_view value) {
        next_field();
        bool quote = value.empty() || value == options_.null_text;
        for (const char c : value)
            if (c == options_.separator || c == '"' || c == '\r' || c == '\n') {
                quote = true;
                break;
            }
        if (!quote) {
            line_ += value;
            return;
        }
        line_ += '"';
        for (const char c : value) {
            if (c == '"') line_ += '"';
            line_ += c;
        }
        line_ += '"';
    }

    template <class T>
    void value(const T& v) {
        if constexpr (requires { v.has_value(); *v; }) {
            if (v) value(*v);
            else null();
        } else if constexpr (std::is_same_v<T, std::string>) {
            text(v);
        } else if constexpr (plain_text_v<T>) {
            // Digits, signs and letters: never quoted, unless they spell the null text.
            const std::size_t start = line_.size();
            next_field();
            const std::size_t at = line_.size();
            append_value_text(line_, v);
            if (!options_.null_text.empty() && std::string_view(line_).substr(at) == options_.null_text) {
                line_.resize(start);
                --fields_;
                text(options_.null_text);
            }
        } else {
            scratch_.clear();
            append_value_text(scratch_, v);
            text(scratch_);
        }
    }

    void null() {
        next_field();
        line_ += options_.null_text;
    }

    // Ends the line and writes it.
    void write(std::ostream& os, std::size_t row) {
        line_ += options_.newline == line_end::crlf ? "\r\n" : "\n";
        os.write(line_.data(), static_cast<std::streamsize>(line_.size()));
        if (!os)
            throw interface_error("ctql: write_csv: the output stream failed while writing " +
                                  (row == 0 ? std::string("the header line") : "row " + std::to_string(row)));
        line_.clear();
        fields_ = 0;
    }

private:
    const csv_options& options_;
    std::string line_;
    std::string scratch_;
    std::size_t fields_ = 0;
};

template <std::size_t N>
void write_header(std::ostream& os, csv_line& line, const std::array<std::string_view, N>& names,
                  const csv_options& options) {
    if (!options.header) return;
    for (std::string_view name : names) line.text(name);
    line.write(os, 0);
}

template <class... Columns>
void write_delimited(std::ostream& os, const data_frame<Columns...>& f, const csv_options& options) {
    csv_line line{options};
    write_header(os, line, data_frame<Columns...>::names, options);
    for (std::size_t row = 0; row < f.size(); ++row) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            const auto one = [&]<std::size_t C>(std::integral_constant<std::size_t, C>) {
                if (f.template is_null<C>(row)) line.null();
                else line.value(f.template column<C>()[row]);
            };
            (one(std::integral_constant<std::size_t, I>{}), ...);
        }(std::index_sequence_for<Columns...>{});
        line.write(os, row + 1);
    }
}

template <row_range Range>
void write_delimited(std::ostream& os, Range&& rows, const csv_options& options) {
    using shape = shape_of_t<Range>;
    csv_line line{options};
    write_header(os, line, shape::names, options);
    std::size_t row = 0;
    for (auto&& r : rows) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (line.value(shape::template field<I>(std::as_const(r))), ...);
        }(std::make_index_sequence<shape::count>{});
        line.write(os, ++row);
    }
}

}  // namespace detail

// Writes a frame, or any result or range of rows (each read once, as it
// comes), as CSV.
template <class Source>
    requires detail::row_range<Source> || requires(const Source& s) { s.template column<0>(); }
void write_csv(std::ostream& os, Source&& source, const csv_options& options = {}) {
    detail::write_delimited(os, std::forward<Source>(source), options);
}

// The same with a tab as the separator (and the same quoting).
template <class Source>
    requires detail::row_range<Source> || requires(const Source& s) { s.template column<0>(); }
void write_tsv(std::ostream& os, Source&& source, csv_options options = {}) {
    options.separator = '\t';
    detail::write_delimited(os, std::forward<Source>(source), options);
}

}  // namespace ctql
