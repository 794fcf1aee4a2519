// libFuzzer target: the PostgreSQL binary decoders of numeric (ctql::decimal),
// uuid, json/jsonb and one-dimensional arrays (std::vector<T>), fed a PGresult
// built from arbitrary bytes as in postgres_decoders.cpp.
//
// Input: one byte per column choosing the type the "server" reports, then
// fields as [length byte][bytes]; a length of 255 is NULL. Each decoder must
// produce a value or throw ctql::data_error, never read out of bounds; and a
// decoded decimal or array, encoded again, must decode to the same value.
#include <libpq-fe.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <ctql/backend/postgres/codec.hpp>

namespace {

using namespace ctql::postgres;

constexpr std::array<Oid, 16> reported_types{
    oid::numeric,          oid::uuid,           oid::json,           oid::jsonb,
    oid::array_of(oid::int8), oid::array_of(oid::int4), oid::array_of(oid::int2), oid::array_of(oid::text),
    oid::array_of(oid::numeric), oid::array_of(oid::uuid), oid::array_of(oid::jsonb), oid::array_of(oid::json),
    oid::array_of(oid::boolean), oid::array_of(oid::float8), oid::array_of(oid::date), 9999};

constexpr int columns = 3;
constexpr int max_rows = 8;

template <class T>
void check_round_trip(const T& value, const PGresult* r, int col) {
    if constexpr (detail::encoded_codec<T> && !std::is_same_v<T, ctql::json>) {
        std::string bytes;
        detail::codec<T>::encode_to(value, bytes);
        const T again = detail::codec<T>::decode(bytes.data(), static_cast<int>(bytes.size()), r, col);
        if constexpr (std::is_same_v<T, std::vector<double>>) {
            if (again.size() != value.size()) std::abort();  // NaN elements are not equal to themselves
        } else if (!(again == value)) {
            std::abort();
        }
    }
}

template <class T>
void decode_everything(const PGresult* r) {
    for (int col = 0; col < columns; ++col) {
        if (!detail::codec<ctql::base_type_t<T>>::accepts(PQftype(r, col))) continue;
        detail::check_column_type<T>(r, col);
        for (int row = 0; row < PQntuples(r); ++row) {
            try {
                const T value = detail::read<T>(r, row, col);
                if constexpr (ctql::is_nullable_v<T>) {
                    if (value) check_round_trip(*value, r, col);
                } else {
                    check_round_trip(value, r, col);
                }
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
        attributes[col].format = 1;
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
                PQsetvalue(r, row, col, nullptr, -1);
                continue;
            }
            const int available = static_cast<int>(std::min<std::size_t>(length, size - at));
            std::string field(reinterpret_cast<const char*>(data + at), static_cast<std::size_t>(available));
            PQsetvalue(r, row, col, field.data(), available);
            at += static_cast<std::size_t>(available);
        }
    }
    decode_all_types<ctql::decimal<18, 2>, ctql::decimal<18, 0>, ctql::decimal<18, 18>, ctql::decimal<1, 0>,
                     ctql::uuid, ctql::json, std::vector<std::int64_t>, std::vector<std::int16_t>,
                     std::vector<std::string>, std::vector<ctql::decimal<10, 2>>, std::vector<ctql::uuid>,
                     std::vector<ctql::json>, std::vector<bool>, std::vector<double>,
                     std::vector<std::chrono::sys_days>>(r);
    PQclear(r);
    return 0;
}
