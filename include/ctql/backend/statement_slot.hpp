// SPDX-License-Identifier: MIT
#pragma once
// A small dense number per statement type, assigned on first use. Connections
// index their prepared-statement caches with it, so finding a statement's
// prepared handle costs an array lookup: no hashing, no text comparison.
#include <atomic>
#include <cstddef>

namespace ctql::detail {

inline std::atomic<std::size_t>& statement_slot_counter() {
    static std::atomic<std::size_t> counter{0};
    return counter;
}

// A function-local static rather than a variable template: its initialisation
// happens on first use, so a statement run while another global is being
// initialised still gets its own slot (a variable template could still read 0).
// A statement with optional parts takes one slot per variant, `variants`
// consecutive slots from the one returned.
template <class Statement>
std::size_t statement_slot(std::size_t variants = 1) {
    static const std::size_t slot = statement_slot_counter().fetch_add(variants, std::memory_order_relaxed);
    return slot;
}

}  // namespace ctql::detail
