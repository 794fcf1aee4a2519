// Statements are prepared once per connection and reused; running one again
// builds no SQL text and, for fixed-size values, allocates nothing at all.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

#include <ctql/sqlite.hpp>

#include "../test_schema.hpp"

// Every replaceable form of new and delete is counted or paired here: with
// only some of them replaced, memory from the library's operator new[] or
// nothrow new would reach this delete (a mismatch AddressSanitizer reports).
namespace {
std::atomic<long> allocations{0};

void* counted_allocation(std::size_t size) noexcept {
    allocations.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(size == 0 ? 1 : size);
}
void* counted_aligned_allocation(std::size_t size, std::align_val_t alignment) noexcept {
    allocations.fetch_add(1, std::memory_order_relaxed);
    const auto align = static_cast<std::size_t>(alignment);
    return std::aligned_alloc(align, (size + align - 1) / align * align);
}
}  // namespace

void* operator new(std::size_t size) {
    if (void* p = counted_allocation(size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    if (void* p = counted_allocation(size)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocation(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocation(size); }
void* operator new(std::size_t size, std::align_val_t alignment) {
    if (void* p = counted_aligned_allocation(size, alignment)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
    if (void* p = counted_aligned_allocation(size, alignment)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return counted_aligned_allocation(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return counted_aligned_allocation(size, alignment);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

using namespace ctql;

TEST_CASE("a statement is prepared on first use and reused afterwards") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    const std::size_t before = db.prepared_statements();
    constexpr auto add = insert_into(users).set(users.name = param<"n", std::string>, users.score = param<"s", double>);
    db(add, arg<"n">("a"), arg<"s">(1.0));
    CHECK(db.prepared_statements() == before + 1);
    for (int i = 0; i < 100; ++i) db(add, arg<"n">("b"), arg<"s">(double(i)));
    CHECK(db.prepared_statements() == before + 1);
    CHECK(db(select(count()).from(users)).front() == 101);
}

TEST_CASE("statements with the same shape but other values share one prepared statement") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    const std::size_t before = db.prepared_statements();
    db(insert_into(users).set(users.name = "x", users.score = 1.0));
    db(insert_into(users).set(users.name = "y", users.score = 2.0));
    CHECK(db.prepared_statements() == before + 1);
}

TEST_CASE("running a prepared statement again allocates nothing") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    constexpr auto bump = update(users).set(users.score = users.score + param<"by", double>).where(users.id == param<"id", std::int64_t>);
    constexpr auto lookup = select(users.score).from(users).where(users.id == param<"id", std::int64_t>);
    db(insert_into(users).set(users.name = "a"));
    db(bump, arg<"by">(1.0), arg<"id">(std::int64_t{1}));   // first run prepares
    double seen = db(lookup, arg<"id">(std::int64_t{1})).front();

    const long before = allocations.load();
    for (int i = 0; i < 1000; ++i) {
        db(bump, arg<"by">(1.0), arg<"id">(std::int64_t{1}));
        seen = db(lookup, arg<"id">(std::int64_t{1})).front();
    }
    CHECK(allocations.load() - before == 0);
    CHECK(seen == 1001.0);
}

namespace {
// Runs three different statements while this file's globals are initialised,
// before main: each must still find its own prepared statement.
const std::int64_t rows_counted_at_startup = [] {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    db(insert_into(users).set(users.name = "early"));
    return db(select(count()).from(users)).front();
}();
}  // namespace

TEST_CASE("statements run while globals are initialised keep their own prepared statements") {
    CHECK(rows_counted_at_startup == 1);
}

namespace {
// Sixty-four statement types this connection has never run, so running them
// makes the connection's statement cache grow.
template <std::size_t... N>
std::int64_t run_new_statements(sqlite::connection& db, std::index_sequence<N...>) {
    return (db(select(count()).from(users).limit<N + 1>()).front() + ...);
}
}  // namespace

TEST_CASE("running statements not used before while rows are being read leaves the open result intact") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    for (int i = 0; i < 3; ++i) db(insert_into(users).set(users.name = "u" + std::to_string(i)));

    std::vector<std::string> names;
    std::int64_t counted = 0;
    {
        auto rows = db(select(users.name).from(users).order_by(users.id));
        for (const auto& name : rows) {
            names.push_back(name);
            counted += run_new_statements(db, std::make_index_sequence<64>{});
        }
    }  // the result gives its statement back to the (grown) cache here
    CHECK(names == std::vector<std::string>{"u0", "u1", "u2"});
    CHECK(counted == 3 * 64 * 3);
    // The select's cached statement is free again: running it twice in a row
    // reuses the one prepared statement.
    const std::size_t prepared = db.prepared_statements();
    CHECK(db(select(users.name).from(users).order_by(users.id)).to_vector().size() == 3);
    CHECK(db(select(users.name).from(users).order_by(users.id)).to_vector().size() == 3);
    CHECK(db.prepared_statements() == prepared);
}
