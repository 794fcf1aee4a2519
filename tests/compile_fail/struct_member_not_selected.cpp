// Mapping rows onto a struct with a member (email) that no selected column fills.
// expect: a struct member has no selected column of the same name
// expect: rule::member_matches_a_selected_column<person, ctql::detail::name<'e', 'm', 'a', 'i', 'l'>
#include <boost/hana/define_struct.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (email, std::optional<std::string>));

struct person {
    BOOST_HANA_DEFINE_STRUCT(person, (std::int64_t, id), (std::optional<std::string>, email));
};

void f(ctql::sqlite::connection& db) {
    for (const person& p : db(ctql::select(users.id, users.name).from(users)).as<person>()) (void)p;
}
