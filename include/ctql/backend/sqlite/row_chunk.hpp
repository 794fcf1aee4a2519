// SPDX-License-Identifier: MIT
#pragma once
// The rows of one multi-row INSERT, held until the statement has run: text
// and blobs are bound without copying (SQLITE_STATIC), so each row must stay
// alive until then. The rows of a container are pointed at; those of a
// single-pass range (a text reader, a generating view) are copied.
#include <array>
#include <cstddef>
#include <ranges>
#include <type_traits>
#include <vector>

namespace ctql::sqlite::detail {

template <class Rows, std::size_t Capacity>
class row_chunk {
    using reference = std::ranges::range_reference_t<Rows>;
    using value = std::remove_cvref_t<reference>;
    static constexpr bool by_pointer = std::ranges::forward_range<Rows> && std::is_lvalue_reference_v<reference>;

public:
    // Holds `row`; true when the chunk is full.
    template <class Row>
    bool add(Row&& row) {
        if constexpr (by_pointer) {
            rows_[size_] = &row;
        } else if (size_ < rows_.size()) {
            rows_[size_] = std::forward<Row>(row);  // reuses the strings' storage of the last chunk
        } else {
            rows_.push_back(std::forward<Row>(row));
        }
        return ++size_ == Capacity;
    }
    const value& operator[](std::size_t i) const {
        if constexpr (by_pointer) return *rows_[i];
        else return rows_[i];
    }
    std::size_t size() const { return size_; }
    void clear() { size_ = 0; }

private:
    std::conditional_t<by_pointer, std::array<const value*, Capacity>, std::vector<value>> rows_{};
    std::size_t size_ = 0;
};

}  // namespace ctql::sqlite::detail
