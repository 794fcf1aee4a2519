#pragma once
// Tables shared by the test suites.
#include <cstdint>
#include <optional>
#include <string>

#include <ctql/ctql.hpp>

CTQL_TABLE(users,
    (id,    std::int64_t,               ctql::primary_key),
    (name,  std::string),
    (email, std::optional<std::string>, ctql::unique),
    (score, double,                     ctql::default_value<0>),
    (active, bool,                      ctql::default_value<true>));

CTQL_TABLE(orders,
    (id,      std::int64_t,                ctql::primary_key),
    (user_id, std::int64_t,                ctql::references<users.id>),
    (total,   double),
    (note,    std::optional<std::string>));

// One column of every supported type, for round trips.
CTQL_TABLE(all_types,
    (id,    std::int64_t, ctql::primary_key),
    (i8,    std::int8_t),
    (i16,   std::int16_t),
    (i32,   std::int32_t),
    (i64,   std::int64_t),
    (u8,    std::uint8_t),
    (u16,   std::uint16_t),
    (u32,   std::uint32_t),
    (u64,   std::uint64_t),
    (flag,  bool),
    (f32,   float),
    (f64,   double),
    (text,  std::string),
    (bytes, ctql::blob),
    (at,    ctql::timestamp),
    (maybe_text, std::optional<std::string>),
    (maybe_int,  std::optional<std::int32_t>),
    (maybe_real, std::optional<double>),
    (maybe_bytes, std::optional<ctql::blob>),
    (maybe_at,   std::optional<ctql::timestamp>));
