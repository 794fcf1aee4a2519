#pragma once
// SQLite's spelling of placeholders and column types.
#include <cstdint>
#include <string_view>
#include <ctql/core/value_types.hpp>

namespace ctql::dialect {

struct sqlite {
    static constexpr std::string_view name = "sqlite";

    template <class Writer>
    static constexpr void write_placeholder(Writer& w, int) {
        w.put('?');
    }

    // Timestamps are ISO-8601 text: sortable, readable, and understood by SQLite's date functions.
    template <storable T>
    static constexpr std::string_view type_name() {
        constexpr sql_kind k = kind_of_v<T>;
        if constexpr (k == sql_kind::integer || k == sql_kind::boolean) return "INTEGER";
        else if constexpr (k == sql_kind::real) return "REAL";
        else if constexpr (k == sql_kind::text || k == sql_kind::timestamp) return "TEXT";
        else return "BLOB";
    }

    static constexpr std::string_view timestamp_with_time_zone = "TEXT";

    // `INTEGER PRIMARY KEY` aliases SQLite's rowid, which assigns keys itself.
    template <class Writer, storable T>
    static constexpr void write_generated_primary_key(Writer& w) {
        w.put("INTEGER PRIMARY KEY");
    }
};

}  // namespace ctql::dialect
