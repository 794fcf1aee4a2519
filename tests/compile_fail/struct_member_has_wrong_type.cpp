// Mapping rows onto a struct whose member type differs from its column's type.
// expect: a struct member's type differs from its selected column's type
// expect: rule::member_type_matches_column<person, ctql::detail::name<'n', 'a', 'm', 'e'>, int, std::
#include <boost/hana/define_struct.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (email, std::optional<std::string>));

struct person {
    BOOST_HANA_DEFINE_STRUCT(person, (std::int64_t, id), (int, name));
};

void f(ctql::sqlite::connection& db) {
    for (const person& p : db(ctql::select(users.id, users.name).from(users)).as<person>()) (void)p;
}
