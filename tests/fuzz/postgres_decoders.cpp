// libFuzzer target: the PostgreSQL binary decoders, fed a PGresult built
// from arbitrary bytes (libpq's PQmakeEmptyPGresult / PQsetResultAttrs /
// PQsetvalue, so no server is needed).
//
// Input: one byte per column choosing the type the "server" reports, then
// fields as [length byte][bytes]; a length of 255 is NULL. Every ctql result
// type is decoded from every column: the type check and each decoder must
// either produce a value or throw ctql::data_error (never read out of bounds
// or crash), and a column whose type check passed must decode values of the
// length its type has.
#include <libpq-fe.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <ctql/backend/postgres/codec.hpp>

namespace {

using namespace ctql::postgres;

constexpr std::array<Oid, 15> reported_types{
    oid::boolean, oid::bytea,   oid::name,      oid::int8,        oid::int2,
    oid::int4,    oid::text,    oid::float4,    oid::float8,      oid::bpchar,
    oid::varchar, oid::timestamp, oid::timestamptz, oid::numeric, 9999};

constexpr int columns = 4;
constexpr int max_rows = 8;

template <class T>
void decode_everything(const PGresult* r) {
    for (int col = 0; col < columns; ++col) {
        // A column of another type is refused before any value is read (the
        // refusal itself is a plain comparison; skipping it keeps the fuzzer fast).
        if (!detail::codec<ctql::base_type_t<T>>::accepts(PQftype(r, col))) continue;
        detail::check_column_type<T>(r, col);  // must pass now
        for (int row = 0; row < PQntuples(r); ++row) {
            try {
                const T value = detail::read<T>(r, row, col);
                (void)value;
            } catch (const ctql::data_error&) {
            }
        }
    }
}

template <class... T>
void decode_all_types(const PGresult* r) {
    (decode_everything<T>(r), ...);
    (decode_everything<std::optional<T>>(r), ...);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < columns) return 0;
    PGresult* r = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
    if (r == nullptr) return 0;
    std::array<std::string, columns> names;
    std::array<PGresAttDesc, columns> attributes{};
    for (int col = 0; col < columns; ++col) {
        names[col] = "c" + std::to_string(col);
        attributes[col].name = names[col].data();
        attributes[col].format = 1;  // binary, as ctql always asks
        attributes[col].typid = reported_types[data[col] % reported_types.size()];
        attributes[col].typlen = -1;
        attributes[col].atttypmod = -1;
    }
    if (PQsetResultAttrs(r, columns, attributes.data()) != 1) {
        PQclear(r);
        return 0;
    }
    std::size_t at = columns;
    for (int row = 0; row < max_rows && at < size; ++row) {
        for (int col = 0; col < columns; ++col) {
            if (at >= size) break;
            const int length = data[at++];
            if (length == 255) {
                PQsetvalue(r, row, col, nullptr, -1);  // NULL
                continue;
            }
            const int available = static_cast<int>(std::min<std::size_t>(length, size - at));
            // Copied: libpq keeps its own copy, but the fuzzer's buffer ends exactly at `size`.
            std::string field(reinterpret_cast<const char*>(data + at), static_cast<std::size_t>(available));
            PQsetvalue(r, row, col, field.data(), available);
            at += static_cast<std::size_t>(available);
        }
    }
    decode_all_types<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t, std::uint16_t,
                     std::uint32_t, std::uint64_t, bool, float, double, std::string, ctql::blob, ctql::timestamp,
                     std::chrono::sys_time<std::chrono::milliseconds>, std::chrono::sys_seconds>(r);
    PQclear(r);
    return 0;
}
