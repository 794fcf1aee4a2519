// Mapping a three-column select onto a struct with two members.
// expect: the struct and the select list differ in size
// expect: rule::every_selected_column_has_a_member<person, ctql::rule::count<3>, ctql::rule::count<2>
#include <boost/hana/define_struct.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (email, std::optional<std::string>));

struct person {
    BOOST_HANA_DEFINE_STRUCT(person, (std::int64_t, id), (std::string, name));
};

void f(ctql::sqlite::connection& db) {
    for (const person& p : db(ctql::select(users.id, users.name, users.email).from(users)).as<person>()) (void)p;
}
