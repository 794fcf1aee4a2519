// Mapping a nullable column onto a struct member that is not std::optional.
// expect: a struct member's type differs from its selected column's type (a nullable column needs a std::optional member)
// expect: rule::member_type_matches_column<person, ctql::detail::name<'e', 'm', 'a', 'i', 'l'>, std::
// expect: std::optional<std::
#include <boost/hana/define_struct.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (email, std::optional<std::string>));

struct person {
    BOOST_HANA_DEFINE_STRUCT(person, (std::int64_t, id), (std::string, email));
};

void f(ctql::sqlite::connection& db) {
    for (const person& p : db(ctql::select(users.id, users.email).from(users)).as<person>()) (void)p;
}
