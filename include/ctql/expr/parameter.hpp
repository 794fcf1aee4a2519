// SPDX-License-Identifier: MIT
#pragma once
// Named parameters: declared in a statement with param<"name", T>, bound at the
// call with arg<"name">(value). Binding is checked when the statement runs.
#include <type_traits>
#include <utility>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

template <fixed_string Name, column_value T, bool Secret = false>
struct named_parameter : detail::leaf_traits<named_parameter<Name, T, Secret>> {
    using value_type = T;
    using params = detail::type_list<named_parameter>;
    static constexpr auto name = Name;
    static constexpr bool is_secret = Secret;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.placeholder();
    }
    // The value comes from the call's arguments; the visitor looks it up by name.
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        if constexpr (Secret) detail::secret_visitor<Visitor>{visit}(*this);
        else visit(*this);
    }
};

template <fixed_string Name, column_value T>
inline constexpr named_parameter<Name, T> param{};

// A parameter whose values never appear in logs.
template <fixed_string Name, column_value T>
inline constexpr named_parameter<Name, T, true> secret_param{};

template <fixed_string Name, class Stored>
struct named_argument {
    static constexpr auto name = Name;
    Stored value;
};

template <fixed_string Name, class V>
    requires(literal_value<V> || null_literal<V> || mistaken_value<V>)
constexpr auto arg(V&& v) {
    if constexpr (mistaken_value<V>) {
        static_assert(refuse_mistaken_value<V>());
        return named_argument<Name, null_t>{};
    } else if constexpr (null_literal<V>) return named_argument<Name, null_t>{};
    else return named_argument<Name, literal_storage_t<V>>{literal_storage_t<V>(std::forward<V>(v))};
}

template <class T>
inline constexpr bool is_named_parameter_v = false;
template <fixed_string N, class T, bool S>
inline constexpr bool is_named_parameter_v<named_parameter<N, T, S>> = true;

template <class T>
inline constexpr bool is_named_argument_v = false;
template <fixed_string N, class S>
inline constexpr bool is_named_argument_v<named_argument<N, S>> = true;

template <class T>
concept named_argument_type = is_named_argument_v<std::remove_cvref_t<T>>;

namespace detail {
template <fixed_string Name, class... Items>
inline constexpr std::size_t count_named = ((Items::name == Name ? 1 : 0) + ... + 0);

template <class Argument>
constexpr sql_kind argument_kind() {
    return kind_of_v<literal_value_type_t<decltype(Argument::value)>>;
}

template <class Parameter, class Argument>
constexpr bool argument_fits() {
    using stored = std::remove_cvref_t<decltype(Argument::value)>;
    if constexpr (std::is_same_v<stored, null_t>) {
        return is_nullable_v<typename Parameter::value_type>;
    } else {
        using given = literal_value_type_t<stored>;
        if constexpr (is_nullable_v<given> && !is_nullable_v<typename Parameter::value_type>) return false;
        else return kinds_assignable(kind_of_v<typename Parameter::value_type>, kind_of_v<given>);
    }
}

template <class Parameter, class Argument>
constexpr bool argument_without_loss() {
    using stored = std::remove_cvref_t<decltype(Argument::value)>;
    if constexpr (std::is_same_v<stored, null_t>) {
        return true;
    } else {
        using given = base_type_t<literal_value_type_t<stored>>;
        return converts_without_loss<base_type_t<typename Parameter::value_type>, given>();
    }
}

template <fixed_string Name, class... Arguments>
struct find_argument;
template <fixed_string Name, class First, class... Rest>
struct find_argument<Name, First, Rest...> {
    using type = std::conditional_t<First::name == Name, First, typename find_argument<Name, Rest...>::type>;
};
template <fixed_string Name>
struct find_argument<Name> {
    using type = void;
};

// The arguments of one call, held by reference.
template <class... Arguments>
using argument_list = value_list<const Arguments&...>;

template <class... Arguments>
constexpr argument_list<Arguments...> make_argument_list(const Arguments&... args) {
    return argument_list<Arguments...>{{{args}...}};
}

template <fixed_string Name, class... Arguments>
constexpr std::size_t argument_index() {
    std::size_t i = 0, found = sizeof...(Arguments);
    ((Arguments::name == Name && found == sizeof...(Arguments) ? (found = i, ++i) : ++i), ...);
    return found;
}

template <fixed_string Name, class... Arguments>
constexpr const auto& argument_value(const argument_list<Arguments...>& args) {
    return get_value<argument_index<Name, Arguments...>()>(args).value;
}

// The argument for a parameter, as the parameter's declared type: a statement
// is prepared once, so every call must send its values with the same types.
// A NULL argument becomes an empty optional of the declared type, so that it
// is sent typed (PostgreSQL cannot infer the type of an untyped NULL).
template <class Parameter, class... Arguments>
constexpr decltype(auto) parameter_value(const argument_list<Arguments...>& args) {
    const auto& v = argument_value<Parameter::name>(args);
    using given = std::remove_cvref_t<decltype(v)>;
    using declared = typename Parameter::value_type;
    using base = base_type_t<declared>;
    if constexpr (std::is_same_v<given, null_t>) {
        return declared();
    } else if constexpr (std::is_same_v<given, declared> || !std::is_arithmetic_v<base>) {
        return v;
    } else if constexpr (requires { v.has_value(); }) {
        return v ? declared(static_cast<base>(*v)) : declared();
    } else {
        return declared(static_cast<base>(v));
    }
}
}  // namespace detail

namespace rule {
template <class ParameterName, class ParameterType>
inline constexpr bool parameter_has_argument = false;
template <class ParameterName>
inline constexpr bool parameter_bound_once = false;
template <class ArgumentName>
inline constexpr bool argument_names_a_parameter = false;
template <class ParameterName, class ParameterType, class ArgumentType>
inline constexpr bool argument_has_parameter_type = false;
template <class ParameterName, class ParameterType>
inline constexpr bool null_argument_only_for_optional_parameter = false;
template <class ParameterName, class FirstType, class SecondType>
inline constexpr bool parameter_declared_with_one_type = false;
template <class ParameterName, class ParameterType, class ArgumentType>
inline constexpr bool argument_fits_without_loss = false;
}  // namespace rule

namespace detail {
template <class Parameter, class... Arguments>
constexpr bool check_parameter() {
    constexpr std::size_t n = count_named<Parameter::name, std::remove_cvref_t<Arguments>...>;
    if constexpr (n == 0) {
        static_assert(rule::parameter_has_argument<ctql::name_of<Parameter::name>, typename Parameter::value_type>,
                      "ctql: a named parameter of this statement has no argument; pass arg<\"name\">(value) for it");
        return false;
    } else if constexpr (n > 1) {
        static_assert(rule::parameter_bound_once<ctql::name_of<Parameter::name>>,
                      "ctql: a named parameter is given more than one argument; pass each arg<\"name\"> once");
        return false;
    } else {
        using argument = typename find_argument<Parameter::name, std::remove_cvref_t<Arguments>...>::type;
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(argument::value)>, null_t> &&
                      !is_nullable_v<typename Parameter::value_type>) {
            static_assert(rule::null_argument_only_for_optional_parameter<ctql::name_of<Parameter::name>,
                                                                          typename Parameter::value_type>,
                          "ctql: a NULL argument is given for a parameter whose type is not std::optional");
            return false;
        } else if constexpr (!argument_fits<Parameter, argument>()) {
            static_assert(rule::argument_has_parameter_type<ctql::name_of<Parameter::name>, typename Parameter::value_type,
                                                            std::remove_cvref_t<decltype(argument::value)>>,
                          "ctql: an argument's type does not match its parameter's declared type");
            return false;
        } else if constexpr (!argument_without_loss<Parameter, argument>()) {
            static_assert(rule::argument_fits_without_loss<ctql::name_of<Parameter::name>, typename Parameter::value_type,
                                                           std::remove_cvref_t<decltype(argument::value)>>,
                          "ctql: an argument may not fit its parameter's declared type (a narrowing conversion, "
                          "such as std::int64_t for a std::int32_t parameter); convert it with ctql::narrow<T>(value)");
            return false;
        }
        return true;
    }
}

template <class Argument, class... Parameters>
constexpr bool check_argument() {
    if constexpr (count_named<Argument::name, Parameters...> == 0) {
        static_assert(rule::argument_names_a_parameter<ctql::name_of<Argument::name>>,
                      "ctql: an argument names no parameter of this statement; check the spelling of arg<\"name\">");
        return false;
    }
    return true;
}

template <class Parameter, class... Parameters>
constexpr bool check_declared_once() {
    using first = typename find_argument<Parameter::name, Parameters...>::type;
    if constexpr (!std::is_same_v<typename first::value_type, typename Parameter::value_type>) {
        static_assert(rule::parameter_declared_with_one_type<ctql::name_of<Parameter::name>, typename first::value_type,
                                                             typename Parameter::value_type>,
                      "ctql: one parameter name is declared with two different types in this statement");
        return false;
    }
    return true;
}

template <class ParameterList, class... Arguments>
struct argument_check;
template <class... Parameters, class... Arguments>
struct argument_check<type_list<Parameters...>, Arguments...> {
    static constexpr bool declared_consistently = (check_declared_once<Parameters, Parameters...>() && ...);
    static constexpr bool parameters_bound = (check_parameter<Parameters, Arguments...>() && ...);
    static constexpr bool arguments_used = (check_argument<std::remove_cvref_t<Arguments>, Parameters...>() && ...);
    static constexpr bool value = declared_consistently && parameters_bound && arguments_used;
};
}  // namespace detail

// Checks a call's arguments against a statement's parameters; each failure is
// its own static_assert naming the parameter.
template <class Statement, class... Arguments>
inline constexpr bool arguments_match_v =
    detail::argument_check<typename Statement::params, std::remove_cvref_t<Arguments>...>::value;

}  // namespace ctql
