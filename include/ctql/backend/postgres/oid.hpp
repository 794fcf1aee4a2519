// SPDX-License-Identifier: MIT
#pragma once
// PostgreSQL's built-in type OIDs that ctql sends and accepts. They are fixed
// in the server's catalog (pg_type.dat), so they are constants here rather
// than something looked up per connection.
#include <postgres_ext.h>

#include <string_view>

namespace ctql::postgres::oid {

// Zero in a parameter-type slot asks the server to infer the type (used for a
// bare NULL, which carries no type of its own).
inline constexpr Oid unspecified = 0;

inline constexpr Oid boolean = 16;
inline constexpr Oid bytea = 17;
inline constexpr Oid name = 19;
inline constexpr Oid int8 = 20;
inline constexpr Oid int2 = 21;
inline constexpr Oid int4 = 23;
inline constexpr Oid text = 25;
inline constexpr Oid float4 = 700;
inline constexpr Oid float8 = 701;
inline constexpr Oid bpchar = 1042;
inline constexpr Oid varchar = 1043;
inline constexpr Oid date = 1082;
inline constexpr Oid timestamp = 1114;
inline constexpr Oid timestamptz = 1184;
inline constexpr Oid numeric = 1700;

// The array type of each element type above that ctql sends in arrays.
constexpr Oid array_of(Oid element) {
    switch (element) {
        case boolean: return 1000;
        case bytea: return 1001;
        case int2: return 1005;
        case int4: return 1007;
        case int8: return 1016;
        case text: return 1009;
        case float4: return 1021;
        case float8: return 1022;
        case date: return 1182;
        case timestamp: return 1115;
        case timestamptz: return 1185;
        default: return unspecified;
    }
}

// The catalog name of a type, for error messages; empty for types ctql does
// not know, so that callers can fall back to printing the number.
constexpr std::string_view type_name(Oid type) {
    switch (type) {
        case boolean: return "bool";
        case bytea: return "bytea";
        case name: return "name";
        case int8: return "int8";
        case int2: return "int2";
        case int4: return "int4";
        case text: return "text";
        case float4: return "float4";
        case float8: return "float8";
        case bpchar: return "bpchar";
        case varchar: return "varchar";
        case date: return "date";
        case timestamp: return "timestamp";
        case timestamptz: return "timestamptz";
        case numeric: return "numeric";
        default: return {};
    }
}

}  // namespace ctql::postgres::oid
