// SPDX-License-Identifier: MIT
#pragma once
// LIMIT and OFFSET. A count given at run time is a bound parameter like every
// value; a count given as a template argument is written into the SQL text.
//   .limit(n) .offset(m)           LIMIT ? OFFSET ?
//   .limit<10>() .offset<20>()     LIMIT 10 OFFSET 20
// (SQLite takes OFFSET only after a LIMIT; its dialect adds LIMIT -1.)
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

namespace keyword {
struct limit { static constexpr std::string_view text = " LIMIT "; };
struct offset { static constexpr std::string_view text = " OFFSET "; };
}  // namespace keyword

// No LIMIT, or no OFFSET.
struct no_count : detail::clause_defaults {};

template <class Keyword>
struct bound_count : detail::clause_defaults {
    std::int64_t count;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        w.placeholder();
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        visit(count);
    }
};

template <class Keyword, std::int64_t Count>
struct constant_count : detail::clause_defaults {
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        w.put_signed(Count);
    }
};

template <class Limit, class Offset>
struct paging : detail::clause_defaults {
    using slot = detail::paging_slot;
    using limit_type = Limit;
    using offset_type = Offset;

    Limit limit_part;
    Offset offset_part;

    template <class Writer>
    static constexpr void render(Writer& w) {
        render::node<Limit>(w);
        render::node<Offset>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        limit_part.each_value(visit);
        offset_part.each_value(visit);
    }

    template <class Statement>
    struct methods {
        // A run-time row count, bound as a parameter.
        constexpr auto limit(std::int64_t count) const { return with_limit(bound_count<keyword::limit>{{}, count}); }
        // A compile-time row count, written into the SQL text.
        template <std::int64_t Count>
        constexpr auto limit() const {
            return with_limit(constant_count<keyword::limit, Count>{});
        }
        constexpr auto offset(std::int64_t count) const {
            return with_offset(bound_count<keyword::offset>{{}, count});
        }
        template <std::int64_t Count>
        constexpr auto offset() const {
            return with_offset(constant_count<keyword::offset, Count>{});
        }

    private:
        constexpr const paging& current() const {
            return static_cast<const Statement&>(*this).template clause<detail::paging_slot>();
        }
        template <class NewLimit>
        constexpr auto with_limit(const NewLimit& l) const {
            static_assert(std::is_same_v<Limit, no_count>, "ctql: this statement already has a LIMIT");
            return static_cast<const Statement&>(*this).replace(paging<NewLimit, Offset>{{}, l, current().offset_part});
        }
        template <class NewOffset>
        constexpr auto with_offset(const NewOffset& o) const {
            static_assert(std::is_same_v<Offset, no_count>, "ctql: this statement already has an OFFSET");
            return static_cast<const Statement&>(*this).replace(paging<Limit, NewOffset>{{}, current().limit_part, o});
        }
    };
};

using no_paging = paging<no_count, no_count>;

}  // namespace ctql
