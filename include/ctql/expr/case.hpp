// SPDX-License-Identifier: MIT
#pragma once
// CASE, searched and simple:
//   case_when(users.score >= 90, "A").when(users.score >= 80, "B").else_("C")
//   case_(users.kind).when(1, "one").when(2, "two").else_("many")
// Without else_() the value may be NULL. Every result has one SQL type.
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

template <class When, class Result>
struct case_branch {
    using result_type = Result;
    using tables = detail::union_t<typename When::tables, typename Result::tables>;
    using params = detail::concat_t<typename When::params, typename Result::params>;
    using bare_columns = detail::union_t<typename When::bare_columns, typename Result::bare_columns>;
    static constexpr bool is_aggregate = When::is_aggregate || Result::is_aggregate;
    When when;
    Result result;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" WHEN ");
        render::node<When>(w);
        w.put(" THEN ");
        render::node<Result>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        when.each_value(visit);
        result.each_value(visit);
    }
};

// The subject of a searched CASE, and the ELSE of one without: nothing.
struct case_nothing : detail::leaf_traits<case_nothing> {
    using value_type = null_t;
    template <class Writer>
    static constexpr void render(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

namespace rule {
template <class FirstResult, class FirstType, class Result, class ResultType>
inline constexpr bool case_results_have_one_type = comparable_types<FirstResult, FirstType, Result, ResultType>;
}  // namespace rule

namespace detail {
template <class Else, class... Branches>
struct case_value {
    using type = null_t;  // no branch yet: not a value to use
};
template <class Else, class First, class... Rest>
struct case_value<Else, First, Rest...> {
    static constexpr bool nullable = std::is_same_v<Else, case_nothing> || expr_nullable_v<Else> ||
                                     expr_nullable_v<typename First::result_type> ||
                                     (expr_nullable_v<typename Rest::result_type> || ...);
    using type = nullable_if_t<nullable, base_type_t<value_type_of<typename First::result_type>>>;
};
}  // namespace detail

// Subject is case_nothing for a searched CASE (WHEN condition), else the
// expression each WHEN value is compared with.
template <class Subject, class Else, class... Branches>
struct case_expression : expression_methods<case_expression<Subject, Else, Branches...>> {
    using value_type = typename detail::case_value<Else, Branches...>::type;
    using tables = detail::union_t<typename Subject::tables, typename Branches::tables..., typename Else::tables>;
    using params = detail::concat_t<typename Subject::params, typename Branches::params..., typename Else::params>;
    using bare_columns =
        detail::union_t<typename Subject::bare_columns, typename Branches::bare_columns..., typename Else::bare_columns>;
    static constexpr bool is_aggregate = Subject::is_aggregate || (Branches::is_aggregate || ...) || Else::is_aggregate;
    static constexpr int precedence = ctql::precedence::primary;

    Subject subject;
    detail::value_list<Branches...> branches;
    Else otherwise;

    template <class Writer>
    static constexpr void render(Writer& w) {
        static_assert(sizeof...(Branches) > 0, "ctql: a CASE needs at least one .when(...)");
        w.put("CASE");
        if constexpr (!std::is_same_v<Subject, case_nothing>) {
            w.put(' ');
            render::node<Subject>(w);
        }
        (Branches::render(w), ...);
        if constexpr (!std::is_same_v<Else, case_nothing>) {
            w.put(" ELSE ");
            render::node<Else>(w);
        }
        w.put(" END");
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        subject.each_value(visit);
        branches.for_each([&](const auto& branch) { branch.each_value(visit); });
        otherwise.each_value(visit);
    }

    // Another branch: a condition (searched CASE) or a value to compare the subject with.
    template <class When, class Result>
    constexpr auto when(When&& when, Result&& result) const {
        static_assert(std::is_same_v<Else, case_nothing>, "ctql: .when() after .else_(): else_() comes last");
        using when_t = expression_t<When>;
        using result_t = expression_t<Result>;
        if constexpr (std::is_same_v<Subject, case_nothing>) {
            static_assert(rule::boolean_condition<when_t, sql_type_of<when_t>>,
                          "ctql: a WHEN of case_when() is a condition (a boolean expression); to compare one "
                          "value with several, write case_(value).when(...)");
        } else {
            static_assert(detail::check_comparison<Subject, When>());
        }
        check_result<result_t>();
        using branch = case_branch<when_t, result_t>;
        return case_expression<Subject, Else, Branches..., branch>{
            {}, subject,
            detail::append_value(branches, branch{to_expression(std::forward<When>(when)),
                                                  to_expression(std::forward<Result>(result))}),
            otherwise};
    }
    template <class Result>
    constexpr auto else_(Result&& result) const {
        static_assert(std::is_same_v<Else, case_nothing>, "ctql: this CASE already has an else_()");
        using result_t = expression_t<Result>;
        check_result<result_t>();
        return case_expression<Subject, result_t, Branches...>{{}, subject, branches,
                                                               to_expression(std::forward<Result>(result))};
    }

private:
    template <class Result>
    static constexpr void check_result() {
        if constexpr (sizeof...(Branches) > 0) {
            using first = typename detail::nth_t<0, detail::type_list<Branches...>>::result_type;
            static_assert(rule::case_results_have_one_type<first, sql_type_of<first>, Result, sql_type_of<Result>>,
                          "ctql: the results of one CASE have different SQL types; give every branch and the "
                          "else_() values of one type");
        }
    }
};

template <class Condition, class Result>
constexpr auto case_when(Condition&& condition, Result&& result) {
    return case_expression<case_nothing, case_nothing>{}.when(std::forward<Condition>(condition),
                                                             std::forward<Result>(result));
}

template <sql_expression Subject>
constexpr auto case_(const Subject& subject) {
    return case_expression<Subject, case_nothing>{{}, subject, {}, {}};
}

}  // namespace ctql
