#pragma once
// What all statements share: the SQL text per dialect, fixed at compile time.
#include <string_view>
#include <ctql/core/type_list.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace detail {
struct statement_tag {};
}  // namespace detail

// A statement renders statically, visits its bound values in placeholder
// order, and names its result row type (void when it returns no rows).
template <class S>
concept statement = std::is_base_of_v<detail::statement_tag, S> && requires { typename S::result_row; };

template <class Derived>
struct statement_base : detail::statement_tag {
    // The statement's SQL in a dialect: a view of a constant array in the
    // binary, so calling this at run time costs nothing.
    template <class Dialect>
    static constexpr std::string_view sql() {
        static_assert(Derived::check(), "ctql: this statement is not complete");
        return render::sql_text_v<Derived, Dialect>;
    }
    template <class Dialect>
    static constexpr const char* c_str() {
        static_assert(Derived::check(), "ctql: this statement is not complete");
        return render::sql_text<Derived, Dialect>::chars.data();
    }
};

template <class S>
inline constexpr bool returns_rows_v = !std::is_void_v<typename S::result_row>;

}  // namespace ctql
