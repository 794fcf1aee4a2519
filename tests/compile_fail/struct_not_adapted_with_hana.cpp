// as<S>() with a struct Boost.Hana cannot list the members of.
// expect: as<S>() maps rows onto a struct whose members Boost.Hana can list
// expect: rule::struct_is_adapted_with_hana<person>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

struct person {
    std::int64_t id;
    std::string name;
};

void f(ctql::sqlite::connection& db) {
    for (const person& p : db(ctql::select(users.id, users.name).from(users)).as<person>()) (void)p;
}
