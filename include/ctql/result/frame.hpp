// SPDX-License-Identifier: MIT
#pragma once
// A columnar frame (ctql::data_frame): the rows of a result turned into one std::vector per
// selected column, the shape analysis and export code wants.
//
//   auto f = ctql::to_frame(db(select(users.id, users.email).from(users)));
//   f.size();                          // rows
//   f.column<"id">();                  // const std::vector<std::int64_t>&
//   f.column<"email">();               // const std::vector<std::string>&: "" where NULL
//   f.null_mask<"email">();            // const std::vector<bool>&: true where NULL
//   f.value<"email">(0);               // std::optional<std::string>
//
// A nullable column keeps its values unwrapped plus a null mask; a NOT NULL
// column has no mask at all (decided from the row type at compile time, so
// asking for one does not compile). to_frame reads any ctql result (backend
// results and streams, engine rows, a std::vector of rows or of structs
// mapped with as<S>()) one row at a time, straight into the columns.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/result/row.hpp>
#include <ctql/result/struct_mapping.hpp>

namespace ctql {

// One column of a frame: its name and the value type rows have for it
// (std::optional<T> for a nullable column).
template <fixed_string Name, class T>
struct frame_column {
    static constexpr std::string_view name = Name.view();
    using value_type = T;
};

namespace rule {
template <class Name, class Frame>
inline constexpr bool frame_has_exactly_one_column_named = false;
template <class Index, class Frame>
inline constexpr bool frame_column_is_nullable = false;
template <fixed_string Name>
struct column_name {};
}  // namespace rule

namespace detail {

// A column's storage: the values, and for a nullable column which are NULL.
template <class T>
struct frame_storage {
    std::vector<T> values;
    static constexpr bool nullable = false;
    void reserve(std::size_t n) { values.reserve(n); }
    template <class V>
    void push(V&& v) {
        values.push_back(std::forward<V>(v));
    }
};
template <class T>
struct frame_storage<std::optional<T>> {
    static_assert(std::is_default_constructible_v<T>,
                  "ctql: a frame stores a placeholder value where a nullable column is NULL: its value type needs a "
                  "default constructor");
    std::vector<T> values;
    std::vector<bool> nulls;
    static constexpr bool nullable = true;
    void reserve(std::size_t n) {
        values.reserve(n);
        nulls.reserve(n);
    }
    template <class V>
    void push(V&& v) {
        if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>) {
            values.emplace_back();
            nulls.push_back(true);
        } else if constexpr (requires { v.has_value(); *v; }) {
            if (v) {
                values.push_back(*std::forward<V>(v));
                nulls.push_back(false);
            } else {
                values.emplace_back();
                nulls.push_back(true);
            }
        } else {
            values.push_back(std::forward<V>(v));
            nulls.push_back(false);
        }
    }
};

template <std::size_t N>
constexpr fixed_string<N + 1> fixed_from(std::string_view text) {
    fixed_string<N + 1> out{};
    for (std::size_t i = 0; i < N; ++i) out.chars[i] = text[i];
    return out;
}

template <fixed_string Name, std::size_t N>
constexpr std::size_t name_count(const std::array<std::string_view, N>& names) {
    std::size_t count = 0;
    for (std::string_view n : names) count += n == Name.view() ? 1 : 0;
    return count;
}
template <fixed_string Name, std::size_t N>
constexpr std::size_t name_index(const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == Name.view()) return i;
    return 0;
}
}  // namespace detail

template <class... Columns>
class data_frame {
public:
    static constexpr std::size_t column_count = sizeof...(Columns);
    static constexpr std::array<std::string_view, column_count> names{Columns::name...};
    // The value type rows have for column I: std::optional<T> for a nullable column.
    template <std::size_t I>
    using value_type = typename detail::nth_t<I, detail::type_list<Columns...>>::value_type;
    template <std::size_t I>
    static constexpr bool nullable = detail::frame_storage<value_type<I>>::nullable;

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    // The index of the column named Name (checked at compile time).
    template <fixed_string Name>
    static constexpr std::size_t index_of() {
        constexpr std::size_t count = detail::name_count<Name>(names);
        static_assert(count == 1 ||
                          rule::frame_has_exactly_one_column_named<rule::column_name<Name>, data_frame>,
                      "ctql: data_frame column<\"name\">: the frame has no column of that name, or more than one; see "
                      "data_frame::names, or reach a column by position with column<I>()");
        return detail::name_index<Name>(names);
    }

    // The values of a column, in row order; where a nullable column is NULL,
    // the value is T{} and null_mask() says so.
    template <std::size_t I>
    const auto& column() const {
        return std::get<I>(data_).values;
    }
    template <fixed_string Name>
    const auto& column() const {
        return column<index_of<Name>()>();
    }

    // true where a nullable column is NULL. A NOT NULL column has no mask.
    template <std::size_t I>
    const std::vector<bool>& null_mask() const {
        static_assert(nullable<I> || rule::frame_column_is_nullable<std::integral_constant<std::size_t, I>, data_frame>,
                      "ctql: data_frame null_mask(): this column is NOT NULL and has no null mask");
        if constexpr (nullable<I>) return std::get<I>(data_).nulls;
        else return no_nulls_;  // not reached: keeps the failed check the only error
    }
    template <fixed_string Name>
    const std::vector<bool>& null_mask() const {
        return null_mask<index_of<Name>()>();
    }

    template <std::size_t I>
    bool is_null(std::size_t row) const {
        if constexpr (nullable<I>) return std::get<I>(data_).nulls[row];
        else return false;
    }
    template <fixed_string Name>
    bool is_null(std::size_t row) const {
        return is_null<index_of<Name>()>(row);
    }

    // The value of one cell as the row type has it (std::optional<T> for a nullable column).
    template <std::size_t I>
    value_type<I> value(std::size_t row) const {
        const auto& data = std::get<I>(data_);
        if constexpr (nullable<I>) {
            if (data.nulls[row]) return std::nullopt;
        }
        return data.values[row];
    }
    template <fixed_string Name>
    auto value(std::size_t row) const {
        return value<index_of<Name>()>(row);
    }

    void reserve(std::size_t rows) {
        std::apply([&](auto&... data) { (data.reserve(rows), ...); }, data_);
    }

    // Appends one row: a value per column, std::nullopt (or an empty optional) for NULL.
    template <class... Values>
        requires(sizeof...(Values) == column_count)
    void push_row(Values&&... values) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (std::get<I>(data_).push(std::forward<Values>(values)), ...);
        }(std::index_sequence_for<Columns...>{});
        ++size_;
    }

private:
    std::tuple<detail::frame_storage<typename Columns::value_type>...> data_;
    static inline const std::vector<bool> no_nulls_{};
    std::size_t size_ = 0;
};

namespace detail {

// The statement a result's rows come from, when the result says (for the
// name of a single selected column, whose rows are bare values); else void.
template <class Range>
constexpr auto statement_of() {
    if constexpr (requires { typename Range::statement; }) return std::type_identity<typename Range::statement>{};
    else return std::type_identity<void>{};
}
template <class Range>
using statement_of_t = typename decltype(statement_of<std::remove_cvref_t<Range>>())::type;

// How to take a result row apart: its columns' count, names and types, and
// field I of a row. A ctql row, a struct mapped with Boost.Hana, or the bare
// value of a single selected column.
template <class Value, class Statement>
struct row_shape {
    static constexpr std::size_t count = 1;
    static constexpr std::array<std::string_view, 1> names{[] {
        if constexpr (std::is_void_v<Statement>) return std::string_view{};
        else return Statement::column_names[0];
    }()};
    template <std::size_t>
    using type = Value;
    template <std::size_t, class R>
    static decltype(auto) field(R&& r) {
        return std::forward<R>(r);
    }
};

template <class... Fields, class Statement>
struct row_shape<row<Fields...>, Statement> {
    static constexpr std::size_t count = sizeof...(Fields);
    static constexpr std::array<std::string_view, count> names{Fields::ctql_name...};
    template <std::size_t I>
    using type = std::tuple_element_t<I, row<Fields...>>;
    template <std::size_t I, class R>
    static decltype(auto) field(R&& r) {
        return get<I>(std::forward<R>(r));
    }
};

template <reflectable_struct S, class Statement>
    requires(!requires { typename S::fields; })
struct row_shape<S, Statement> {
    static constexpr std::size_t count = member_count_v<S>;
    static constexpr auto names = []<std::size_t... M>(std::index_sequence<M...>) {
        return std::array<std::string_view, count>{
            std::string_view(boost::hana::to<const char*>(member_key_t<S, M>{}))...};
    }(std::make_index_sequence<count>{});
    template <std::size_t I>
    using type = member_type_t<S, I>;
    template <std::size_t I, class R>
    static decltype(auto) field(R&& r) {
        auto& member = boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<S>()))(r);
        if constexpr (std::is_lvalue_reference_v<R>) return member;
        else return std::move(member);
    }
};

template <class Shape, std::size_t... I>
auto frame_type_of(std::index_sequence<I...>)
    -> data_frame<frame_column<fixed_from<Shape::names[I].size()>(Shape::names[I]), typename Shape::template type<I>>...>;

template <class Value, class Statement>
using frame_for_t =
    decltype(frame_type_of<row_shape<Value, Statement>>(std::make_index_sequence<row_shape<Value, Statement>::count>{}));

// What to_frame and write_csv read: anything iterable once, begin() to end().
template <class R>
concept row_range = requires(R& r) {
    r.begin();
    r.end();
};
template <class Range>
using range_value_t = std::remove_cvref_t<decltype(*std::declval<Range&>().begin())>;

template <class Range>
using shape_of_t = row_shape<range_value_t<Range>, statement_of_t<Range>>;
}  // namespace detail

// Reads the rows of any ctql result (or a std::vector of rows) into a frame,
// row by row, straight into the columns. A result passed as an rvalue gives
// up its values (strings are moved, not copied).
template <detail::row_range Range>
auto to_frame(Range&& rows) {
    using shape = detail::shape_of_t<Range>;
    detail::frame_for_t<detail::range_value_t<Range>, detail::statement_of_t<Range>> out;
    if constexpr (requires { rows.size(); }) out.reserve(static_cast<std::size_t>(rows.size()));
    for (auto&& r : rows) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            if constexpr (std::is_lvalue_reference_v<Range>)
                out.push_row(shape::template field<I>(std::as_const(r))...);
            else
                out.push_row(shape::template field<I>(std::move(r))...);
        }(std::make_index_sequence<shape::count>{});
    }
    return out;
}

}  // namespace ctql
