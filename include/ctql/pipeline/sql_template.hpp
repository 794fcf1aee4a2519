// SPDX-License-Identifier: MIT
#pragma once
// Hand-written SQL, checked at compile time:
//
//   constexpr auto q = ctql::sql_template<
//       "SELECT u.id, u.name FROM users u WHERE u.score > :min_score ORDER BY u.name">(users);
//   for (const auto& row : db(q, ctql::arg<"min_score">(50.0))) fmt::print("{} {}\n", row.id, row.name);
//
// The text's placeholders are numbered at compile time (one number per name)
// and spelled per dialect (?1 on SQLite, $1 on PostgreSQL); every input is a
// bound parameter, so a call's argument is checked like any named parameter.
// Within the subset documented in sql_template_parser.hpp the template is also
// resolved against the tables it is given: unknown names fail to compile, each
// placeholder takes the type of the column it meets, and the result row is
// inferred. Outside it, inputs are declared with .inputs(param<"x", T>...) and
// outputs with .returns<result_column<"name", T>...>(), and the outputs are
// checked against what the database reports when the statement is prepared.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/aggregates.hpp>
#include <ctql/expr/names.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/pipeline/sql_template_parser.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/result/row.hpp>
#include <ctql/result/row_type.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

// A declared output of a template outside the resolved subset: its column
// name as the database reports it, and its C++ type.
template <fixed_string Name, column_value T>
struct result_column {
    static constexpr auto name = Name;
    using value_type = T;
};

// Where in a template's text a problem is: the offset of its first character.
template <std::size_t Offset>
struct sql_offset {};

namespace rule {
template <class Text, class Offset>
inline constexpr bool sql_template_string_terminated = false;
template <class Text, class Offset>
inline constexpr bool sql_template_identifier_terminated = false;
template <class Text, class Offset>
inline constexpr bool sql_template_comment_terminated = false;
template <class Text, class Offset>
inline constexpr bool sql_template_dollar_quote_terminated = false;
template <class Text, class Offset>
inline constexpr bool sql_template_uses_named_placeholders = false;
template <class Placeholder, class Offset>
inline constexpr bool sql_template_placeholders_fit = false;
template <class Star, class Offset>
inline constexpr bool sql_template_columns_fit = false;
template <class Table, class Offset>
inline constexpr bool sql_template_table_known = false;
template <class Qualifier, class Offset>
inline constexpr bool sql_template_table_or_alias_known = false;
template <class Column, class Offset>
inline constexpr bool sql_template_column_known = false;
template <class Column, class Offset>
inline constexpr bool sql_template_column_unambiguous = false;
template <class Placeholder>
inline constexpr bool sql_template_placeholder_typed = false;
template <class Input>
inline constexpr bool sql_template_input_has_placeholder = false;
template <class Placeholder, class ColumnType, class DeclaredType>
inline constexpr bool sql_template_input_declared_as_its_column = false;
template <class StoppedAt>
inline constexpr bool sql_template_outputs_declared = false;
template <class Output>
inline constexpr bool sql_template_outputs_inferred = false;
}  // namespace rule

namespace detail::sqlt {

template <class... Columns>
constexpr std::array<std::string_view, sizeof...(Columns)> column_names_of(type_list<Columns...>) {
    return {Columns::ctql_sql_name.view()...};
}
template <class Table>
inline constexpr auto table_columns = column_names_of(typename Table::ctql_columns{});

template <class TableList>
struct reading;
template <class... Tables>
struct reading<type_list<Tables...>> {
    static constexpr std::array<table_schema, sizeof...(Tables)> schema{
        table_schema{Tables::ctql_sql_name.view(), table_columns<Tables>.data(), table_columns<Tables>.size()}...};
    template <fixed_string Text>
    static constexpr analysis of = analyze(Text.view(), schema.data(), sizeof...(Tables));
};

template <std::size_t N>
constexpr fixed_string<N + 1> to_fixed(std::string_view s) {
    fixed_string<N + 1> f;
    for (std::size_t i = 0; i < N; ++i) f.chars[i] = s[i];
    return f;
}

// A name as written, without the quotes of a "quoted" one.
constexpr std::string_view unquoted(std::string_view s) {
    return s.size() >= 2 && s.front() == '"' ? s.substr(1, s.size() - 2) : s;
}

// Whether the dialect numbers its placeholders ($1) or only marks them (?):
// a marked one gets the number appended, ?NNN, which SQLite reads as "parameter NNN".
template <class Dialect>
constexpr bool numbers_placeholders() {
    char one[16]{}, two[16]{};
    render::writer<Dialect> a{one}, b{two};
    Dialect::write_placeholder(a, 1);
    Dialect::write_placeholder(b, 2);
    return std::string_view(one, a.size) != std::string_view(two, b.size);
}

template <fixed_string Name, class... Items>
struct find_named {
    using type = void;
};
template <fixed_string Name, class First, class... Rest>
struct find_named<Name, First, Rest...> {
    using type = std::conditional_t<First::name == Name, First, typename find_named<Name, Rest...>::type>;
};

struct no_outputs {};

template <fixed_string Text, class TableList>
inline constexpr const analysis& analysis_v = reading<TableList>::template of<Text>;

template <fixed_string Text, class TableList, std::size_t S>
constexpr auto source_type() {
    constexpr source s = analysis_v<Text, TableList>.sources[S];
    using table = nth_t<static_cast<std::size_t>(s.table_index), TableList>;
    constexpr bool repeated = [] {
        int n = 0;
        constexpr const analysis& all = analysis_v<Text, TableList>;
        for (std::size_t i = 0; i < all.source_count; ++i) n += all.sources[i].table_index == s.table_index ? 1 : 0;
        return n > 1;
    }();
    // A table named twice (a self-join) is two tables: each alias its own type.
    if constexpr (repeated && !s.alias.empty()) {
        constexpr auto name = to_fixed<unquoted(s.alias).size()>(unquoted(s.alias));
        return std::type_identity<typename table::template ctql_aliased<alias_name<name>>>{};
    } else {
        return std::type_identity<table>{};
    }
}
template <fixed_string Text, class TableList, std::size_t S>
using source_t = typename decltype(source_type<Text, TableList, S>())::type;

template <fixed_string Text, class TableList, std::size_t R>
using column_t = nth_t<static_cast<std::size_t>(analysis_v<Text, TableList>.refs[R].column),
                       typename source_t<Text, TableList,
                                         static_cast<std::size_t>(analysis_v<Text, TableList>.refs[R].source)>::ctql_columns>;

template <fixed_string Text, class TableList, std::size_t... S>
constexpr auto nullable_sources(std::index_sequence<S...>) {
    return concat_t<std::conditional_t<analysis_v<Text, TableList>.sources[S].nullable,
                                       type_list<source_t<Text, TableList, S>>, type_list<>>...>{};
}
template <fixed_string Text, class TableList>
using nullable_tables_t =
    decltype(nullable_sources<Text, TableList>(std::make_index_sequence<analysis_v<Text, TableList>.source_count>{}));

// A column, or an aggregate of it, as a ctql expression (its row type and its rules).
template <fixed_string Text, class TableList, aggregate_kind Aggregate, int Ref>
constexpr auto aggregate_expression() {
    if constexpr (Aggregate == aggregate_kind::count_all) {
        return ctql::count();
    } else {
        constexpr column_t<Text, TableList, static_cast<std::size_t>(Ref)> c{};
        if constexpr (Aggregate == aggregate_kind::none) return c;
        else if constexpr (Aggregate == aggregate_kind::count) return ctql::count(c);
        else if constexpr (Aggregate == aggregate_kind::count_distinct) return ctql::count_distinct(c);
        else if constexpr (Aggregate == aggregate_kind::sum) return ctql::sum(c);
        else if constexpr (Aggregate == aggregate_kind::sum_distinct) return ctql::sum_distinct(c);
        else if constexpr (Aggregate == aggregate_kind::avg) return ctql::avg(c);
        else if constexpr (Aggregate == aggregate_kind::avg_distinct) return ctql::avg_distinct(c);
        else if constexpr (Aggregate == aggregate_kind::min) return ctql::min(c);
        else return ctql::max(c);
    }
}
// The selected item I: the column, or the aggregate of it, named by its AS.
template <fixed_string Text, class TableList, std::size_t I>
constexpr auto output_expression() {
    constexpr output o = analysis_v<Text, TableList>.outputs[I];
    if constexpr (o.alias.empty()) {
        return aggregate_expression<Text, TableList, o.aggregate, o.ref>();
    } else {
        constexpr auto name = to_fixed<unquoted(o.alias).size()>(unquoted(o.alias));
        return named<string_name<name>>(aggregate_expression<Text, TableList, o.aggregate, o.ref>());
    }
}

// The row type and column names: declared, inferred, or none.
template <class... Columns>
struct declared_row {
    template <std::size_t... I>
    static auto make(std::index_sequence<I...>)
        -> row<row_field<I, typename string_name<Columns::name>::template row_member<typename Columns::value_type>>...>;
    using type = decltype(make(std::index_sequence_for<Columns...>{}));
};
template <class Column>
struct declared_row<Column> {
    using type = typename Column::value_type;
};

template <class Outputs>
struct declared_shape;
template <class... Columns>
struct declared_shape<type_list<Columns...>> {
    using row_type = typename declared_row<Columns...>::type;
    static constexpr std::array<std::string_view, sizeof...(Columns)> names{Columns::name.view()...};
};

template <fixed_string Text, class TableList, class Indices>
struct inferred_shape;
template <fixed_string Text, class TableList, std::size_t... I>
struct inferred_shape<Text, TableList, std::index_sequence<I...>> {
    using row_type = row_type_t<nullable_tables_t<Text, TableList>, decltype(output_expression<Text, TableList, I>())...>;
    static constexpr auto names = selected_names<decltype(output_expression<Text, TableList, I>())...>;
};
template <fixed_string Text, class TableList>
struct inferred_shape<Text, TableList, std::index_sequence<>> {
    using row_type = void;
    static constexpr std::array<std::string_view, 0> names{};
};

// SUM and AVG of a column that is not a number, checked here rather than by
// ctql::sum()/avg() while the row type is derived, so that the error is a few
// lines from the sql_template call that causes it.
template <fixed_string Text, class TableList, std::size_t I>
constexpr bool output_aggregate_fits() {
    constexpr aggregate_kind kind = analysis_v<Text, TableList>.outputs[I].aggregate;
    if constexpr (kind == aggregate_kind::sum || kind == aggregate_kind::sum_distinct) {
        using c = column_t<Text, TableList, static_cast<std::size_t>(analysis_v<Text, TableList>.outputs[I].ref)>;
        if constexpr (!sums_as_decimal_v<c>) {
            static_assert(rule::numeric_operand<c, sql_type_of<c>>,
                          "ctql: SUM() in this SQL template adds numbers; the column it reads is not numeric");
            return rule::numeric_operand<c, sql_type_of<c>>;
        }
    } else if constexpr (kind == aggregate_kind::avg || kind == aggregate_kind::avg_distinct) {
        using c = column_t<Text, TableList, static_cast<std::size_t>(analysis_v<Text, TableList>.outputs[I].ref)>;
        static_assert(rule::numeric_operand<c, sql_type_of<c>>,
                      "ctql: AVG() in this SQL template averages numbers; the column it reads is not numeric");
        return rule::numeric_operand<c, sql_type_of<c>>;
    }
    return true;
}
template <fixed_string Text, class TableList, std::size_t... I>
constexpr bool aggregates_fit(std::index_sequence<I...>) {
    return (output_aggregate_fits<Text, TableList, I>() && ...);
}
// Whether the inferred outputs can be typed: the text was understood, and its aggregates fit their columns.
template <fixed_string Text, class TableList>
constexpr bool outputs_typable() {
    if constexpr (analysis_v<Text, TableList>.resolved && analysis_v<Text, TableList>.error == problem::none)
        return aggregates_fit<Text, TableList>(std::make_index_sequence<analysis_v<Text, TableList>.output_count>{});
    else
        return false;
}

template <fixed_string Text, class TableList, class Outputs>
constexpr auto shape_of() {
    if constexpr (!std::is_same_v<Outputs, no_outputs>) return declared_shape<Outputs>{};
    else if constexpr (outputs_typable<Text, TableList>())
        return inferred_shape<Text, TableList, std::make_index_sequence<analysis_v<Text, TableList>.output_count>>{};
    else return inferred_shape<Text, TableList, std::index_sequence<>>{};
}

template <fixed_string Text, class TableList, std::size_t K>
inline constexpr auto placeholder_name =
    to_fixed<analysis_v<Text, TableList>.params[K].name.size()>(analysis_v<Text, TableList>.params[K].name);

// The type a placeholder's column gives it: the column's own type where it
// is assigned (NULL allowed where the column allows it), its base type where
// it is compared; a count for LIMIT/OFFSET; void when nothing types it.
template <fixed_string Text, class TableList, std::size_t K>
constexpr auto inferred_type() {
    constexpr param p = analysis_v<Text, TableList>.params[K];
    if constexpr (!analysis_v<Text, TableList>.resolved || analysis_v<Text, TableList>.error != problem::none) {
        return std::type_identity<void>{};
    } else if constexpr (p.aggregate != aggregate_kind::none) {
        using value_t = value_type_of<decltype(aggregate_expression<Text, TableList, p.aggregate, p.ref>())>;
        return std::type_identity<base_type_t<value_t>>{};
    } else if constexpr (p.ref >= 0 && analysis_v<Text, TableList>.refs[static_cast<std::size_t>(p.ref)].source >= 0) {
        using value_t = typename column_t<Text, TableList, static_cast<std::size_t>(p.ref)>::value_type;
        if constexpr (p.assigned) return std::type_identity<value_t>{};
        else return std::type_identity<base_type_t<value_t>>{};
    } else if constexpr (p.limit) {
        return std::type_identity<std::int64_t>{};
    } else {
        return std::type_identity<void>{};
    }
}
template <fixed_string Text, class TableList, std::size_t K>
using inferred_t = typename decltype(inferred_type<Text, TableList, K>())::type;

template <fixed_string Text, class TableList, std::size_t K, class... Inputs>
using declared_input_t = typename find_named<placeholder_name<Text, TableList, K>, Inputs...>::type;

template <fixed_string Text, class TableList, std::size_t K, class... Inputs>
constexpr auto parameter_of() {
    using declared_t = declared_input_t<Text, TableList, K, Inputs...>;
    using inferred = inferred_t<Text, TableList, K>;
    if constexpr (!std::is_void_v<declared_t>) return type_list<declared_t>{};
    else if constexpr (!std::is_void_v<inferred>)
        return type_list<named_parameter<placeholder_name<Text, TableList, K>, inferred>>{};
    else return type_list<>{};
}
template <fixed_string Text, class TableList, class Indices, class... Inputs>
struct parameters;
template <fixed_string Text, class TableList, std::size_t... K, class... Inputs>
struct parameters<Text, TableList, std::index_sequence<K...>, Inputs...> {
    using type = concat_t<decltype(parameter_of<Text, TableList, K, Inputs...>())...>;
};

template <fixed_string Text, class TableList, std::size_t K, class... Inputs>
constexpr bool check_placeholder() {
    using declared_t = declared_input_t<Text, TableList, K, Inputs...>;
    using inferred = inferred_t<Text, TableList, K>;
    using name = ctql::name_of<placeholder_name<Text, TableList, K>>;
    if constexpr (std::is_void_v<declared_t> && std::is_void_v<inferred>) {
        static_assert(rule::sql_template_placeholder_typed<name>,
                      "ctql: a placeholder of this SQL template has no type: it is not compared with or assigned "
                      "to a column (or the template is outside the subset resolved at compile time); declare it "
                      "with .inputs(ctql::param<\"name\", T>)");
        return false;
    } else if constexpr (!std::is_void_v<declared_t> && !std::is_void_v<inferred>) {
        if constexpr (!std::is_same_v<typename declared_t::value_type, inferred>) {
            static_assert(rule::sql_template_input_declared_as_its_column<name, inferred, typename declared_t::value_type>,
                          "ctql: an input of this SQL template is declared with another type than the column it "
                          "meets; remove the declaration (the type is inferred) or declare the column's type");
            return false;
        }
    }
    return true;
}
template <fixed_string Text, class TableList, class Input>
constexpr bool check_input() {
    constexpr bool found = [] {
        constexpr const analysis& all = analysis_v<Text, TableList>;
        for (std::size_t k = 0; k < all.param_count; ++k)
            if (all.params[k].name == Input::name.view()) return true;
        return false;
    }();
    if constexpr (!found) {
        static_assert(rule::sql_template_input_has_placeholder<ctql::name_of<Input::name>>,
                      "ctql: an input declared for this SQL template has no placeholder :name in its text");
    }
    return found;
}
template <fixed_string Text, class TableList, class... Inputs, std::size_t... K>
constexpr bool check_placeholders(std::index_sequence<K...>) {
    return (check_placeholder<Text, TableList, K, Inputs...>() && ...);
}
template <fixed_string Text, class TableList, class Outputs>
constexpr bool check_outputs() {
    constexpr bool declares_outputs = !std::is_same_v<Outputs, no_outputs>;
    if constexpr (analysis_v<Text, TableList>.resolved && declares_outputs) {
        static_assert(rule::sql_template_outputs_inferred<Outputs>,
                      "ctql: this SQL template is resolved at compile time and its row type is inferred; "
                      "remove .returns<...>()");
        return false;
    } else if constexpr (!analysis_v<Text, TableList>.resolved && !declares_outputs &&
                         analysis_v<Text, TableList>.kind == statement_kind::select) {
        static_assert(rule::sql_template_outputs_declared<sql_offset<analysis_v<Text, TableList>.stopped_at>>,
                      "ctql: this SELECT template is outside the subset resolved at compile time (the parser "
                      "stopped at the offset shown); declare its outputs with "
                      ".returns<ctql::result_column<\"name\", T>, ...>()");
        return false;
    }
    return true;
}
}  // namespace detail::sqlt

// A template statement: Text, the tables it may name, the inputs declared
// for it (named_parameter types) and its declared outputs (result_column
// types, or detail::sqlt::no_outputs).
template <fixed_string Text, class TableList, class InputList, class Outputs>
struct sql_template_statement;

template <fixed_string Text, class... Tables, class... Inputs, class Outputs>
struct sql_template_statement<Text, detail::type_list<Tables...>, detail::type_list<Inputs...>, Outputs>
    : statement_base<sql_template_statement<Text, detail::type_list<Tables...>, detail::type_list<Inputs...>, Outputs>> {
private:
    using table_list = detail::type_list<Tables...>;
    static constexpr const detail::sqlt::analysis& a = detail::sqlt::analysis_v<Text, table_list>;
    using shape = decltype(detail::sqlt::shape_of<Text, table_list, Outputs>());

public:
    static constexpr std::string_view text = Text.view();
    // Whether the template was resolved against the schema at compile time.
    static constexpr bool resolved = a.resolved;
    // Where the subset parser stopped when it was not (an offset into text).
    static constexpr std::size_t stopped_at = a.stopped_at;
    // Outputs declared by the user, which the backends check when they prepare the statement.
    static constexpr bool checks_declared_outputs = !std::is_same_v<Outputs, detail::sqlt::no_outputs>;

    using params =
        typename detail::sqlt::parameters<Text, table_list, std::make_index_sequence<a.param_count>, Inputs...>::type;
    using result_row = typename shape::row_type;
    static constexpr auto column_names = shape::names;
    static constexpr bool is_query = !std::is_void_v<result_row> && (a.kind == detail::sqlt::statement_kind::select ||
                                                                     a.kind == detail::sqlt::statement_kind::other);
    static constexpr std::size_t column_count = column_names.size();

    // Calls f(index, name, std::type_identity<T>) for each declared output.
    template <class F>
    static void each_declared_output(F&& f) {
        if constexpr (checks_declared_outputs) {
            [&]<class... Columns>(detail::type_list<Columns...>) {
                std::size_t i = 0;
                (f(i++, Columns::name.view(), std::type_identity<typename Columns::value_type>{}), ...);
            }(Outputs{});
        }
    }

    static constexpr bool check() {
        return a.error == detail::sqlt::problem::none && (detail::sqlt::check_input<Text, table_list, Inputs>() && ...) &&
               detail::sqlt::check_placeholders<Text, table_list, Inputs...>(std::make_index_sequence<a.param_count>{}) &&
               detail::sqlt::check_outputs<Text, table_list, Outputs>();
    }

    template <class Writer>
    static constexpr void render(Writer& w) {
        using dialect = typename Writer::dialect;
        std::size_t at = 0;
        for (std::size_t u = 0; u < a.use_count; ++u) {
            w.put(text.substr(at, a.use_offset[u] - at));
            const int number = a.use_param[u] + 1;
            dialect::write_placeholder(w, number);
            if constexpr (!detail::sqlt::numbers_placeholders<dialect>()) w.put_number(static_cast<std::uint64_t>(number));
            at = a.use_offset[u] + a.use_length[u];
        }
        w.put(text.substr(at));
        w.placeholders += static_cast<int>(a.param_count);
    }

    // One value per placeholder name, in the order of their numbers.
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        [&]<class... Parameters>(detail::type_list<Parameters...>) { (visit(Parameters{}), ...); }(params{});
    }

    // The same template with its inputs' types declared (param<"name", T>).
    template <fixed_string... Names, class... Types, bool... Secret>
    constexpr auto inputs(const named_parameter<Names, Types, Secret>&...) const {
        return sql_template_statement<Text, table_list,
                                      detail::type_list<Inputs..., named_parameter<Names, Types, Secret>...>, Outputs>{};
    }
    // The same template with its outputs declared: for text outside the resolved subset.
    template <class... Columns>
    constexpr auto returns() const {
        return sql_template_statement<Text, table_list, detail::type_list<Inputs...>, detail::type_list<Columns...>>{};
    }
};

namespace detail::sqlt {
// Each problem found while reading the text, as one static_assert naming it.
template <fixed_string Text, class TableList>
constexpr bool report_problems() {
    constexpr const analysis& a = analysis_v<Text, TableList>;
    using at = sql_offset<analysis_v<Text, TableList>.error_offset>;
    using name = ctql::name_of<to_fixed<analysis_v<Text, TableList>.error_text.size()>(analysis_v<Text, TableList>.error_text)>;
    if constexpr (a.error == problem::unterminated_string) {
        static_assert(rule::sql_template_string_terminated<name, at>,
                      "ctql: a quoted string in this SQL template is never closed (it starts at the offset shown)");
    } else if constexpr (a.error == problem::unterminated_identifier) {
        static_assert(rule::sql_template_identifier_terminated<name, at>,
                      "ctql: a \"quoted identifier\" in this SQL template is never closed (it starts at the offset shown)");
    } else if constexpr (a.error == problem::unterminated_comment) {
        static_assert(rule::sql_template_comment_terminated<name, at>,
                      "ctql: a /* comment in this SQL template is never closed (it starts at the offset shown)");
    } else if constexpr (a.error == problem::unterminated_dollar_quote) {
        static_assert(rule::sql_template_dollar_quote_terminated<name, at>,
                      "ctql: a $tag$ dollar quote in this SQL template is never closed (it starts at the offset shown)");
    } else if constexpr (a.error == problem::positional_placeholder) {
        static_assert(rule::sql_template_uses_named_placeholders<name, at>,
                      "ctql: this SQL template has a positional placeholder (? or $1); write a named one, :name");
    } else if constexpr (a.error == problem::too_many_placeholders) {
        static_assert(rule::sql_template_placeholders_fit<name, at>,
                      "ctql: this SQL template has more than 64 placeholders or 32 placeholder names; split it");
    } else if constexpr (a.error == problem::too_many_columns) {
        static_assert(rule::sql_template_columns_fit<name, at>,
                      "ctql: this SQL template selects more than 32 columns (with * expanded); name fewer");
    } else if constexpr (a.error == problem::unknown_table) {
        static_assert(rule::sql_template_table_known<name, at>,
                      "ctql: this SQL template names a table that is not among the tables given to sql_template");
    } else if constexpr (a.error == problem::unknown_table_or_alias) {
        static_assert(rule::sql_template_table_or_alias_known<name, at>,
                      "ctql: a column of this SQL template is qualified by a name that is no table or alias of "
                      "its FROM clause");
    } else if constexpr (a.error == problem::unknown_column) {
        static_assert(rule::sql_template_column_known<name, at>,
                      "ctql: this SQL template names a column that no table of its FROM clause has");
    } else if constexpr (a.error == problem::ambiguous_column) {
        static_assert(rule::sql_template_column_unambiguous<name, at>,
                      "ctql: an unqualified column of this SQL template is in more than one of its tables; "
                      "qualify it (table.column or alias.column)");
    }
    return a.error == problem::none;
}
}  // namespace detail::sqlt

// A template over `tables`: the text is read and, within the resolved
// subset, checked against them here, at compile time.
template <fixed_string Text, table_type... Tables>
constexpr auto sql_template(const Tables&...) {
    static_assert((!requires { typename Tables::ctql_source; } && ...),
                  "ctql: give sql_template the tables themselves; aliases are written in the SQL text");
    using table_list = detail::type_list<std::remove_cvref_t<Tables>...>;
    // A statement even when the text has a problem: the one static_assert above is then the only error.
    (void)detail::sqlt::report_problems<Text, table_list>();
    return sql_template_statement<Text, table_list, detail::type_list<>, detail::sqlt::no_outputs>{};
}

}  // namespace ctql
