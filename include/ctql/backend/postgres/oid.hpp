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
inline constexpr Oid json = 114;
inline constexpr Oid uuid = 2950;
inline constexpr Oid jsonb = 3802;

// OIDs from here on are the database's own types (FirstNormalObjectId in
// access/transam.h): an ENUM created with CREATE TYPE has one.
inline constexpr Oid first_user_type = 16384;

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
        case name: return 1003;
        case bpchar: return 1014;
        case varchar: return 1015;
        case numeric: return 1231;
        case uuid: return 2951;
        case json: return 199;
        case jsonb: return 3807;
        default: return unspecified;
    }
}

// The element type of an array type above (the inverse of array_of), or unspecified.
constexpr Oid element_of(Oid array) {
    constexpr Oid elements[] = {boolean, bytea,  name,    int8,        int2,    int4, text, float4, float8,
                                bpchar,  varchar, date,   timestamp,   timestamptz, numeric, json, uuid, jsonb};
    for (Oid e : elements)
        if (array_of(e) == array) return e;
    return unspecified;
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
        case json: return "json";
        case uuid: return "uuid";
        case jsonb: return "jsonb";
        case 1000: return "bool[]";
        case 1001: return "bytea[]";
        case 1003: return "name[]";
        case 1005: return "int2[]";
        case 1007: return "int4[]";
        case 1009: return "text[]";
        case 1014: return "bpchar[]";
        case 1015: return "varchar[]";
        case 1016: return "int8[]";
        case 1021: return "float4[]";
        case 1022: return "float8[]";
        case 1115: return "timestamp[]";
        case 1182: return "date[]";
        case 1185: return "timestamptz[]";
        case 1231: return "numeric[]";
        case 199: return "json[]";
        case 2951: return "uuid[]";
        case 3807: return "jsonb[]";
        default: return {};
    }
}

}  // namespace ctql::postgres::oid
