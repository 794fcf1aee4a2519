// libFuzzer target: the SQL template scanner and subset parser
// (pipeline/sql_template_lexer.hpp, sql_template_parser.hpp), run on text
// as it is at compile time, against the test schema (users, orders).
//
// Requires of any input:
//   - analyze() never crashes, loops or reads out of bounds;
//   - an error names an offset inside the text;
//   - without error, every placeholder use lies inside the text, in order,
//     without overlap, is ':' followed by its name, and each name has one number;
//   - renaming every placeholder (:name -> :pN) and reading the text again
//     finds the same uses with the same numbers (quoted text, comments,
//     casts and dollar quotes are skipped the same way both times);
//   - a resolved template's references point at its tables and columns.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <ctql/pipeline.hpp>

#include "../test_schema.hpp"

namespace {

using namespace ctql::detail::sqlt;

void require(bool condition) {
    if (!condition) std::abort();
}

analysis read(std::string_view text) {
    constexpr auto& schema = reading<ctql::detail::type_list<users_t, orders_t>>::schema;
    return analyze(text, schema.data(), schema.size());
}

void check_resolved(const analysis& a) {
    constexpr auto& schema = reading<ctql::detail::type_list<users_t, orders_t>>::schema;
    for (std::size_t s = 0; s < a.source_count; ++s)
        require(a.sources[s].table_index >= 0 && static_cast<std::size_t>(a.sources[s].table_index) < schema.size());
    for (std::size_t r = 0; r < a.ref_count; ++r) {
        const column_ref& ref = a.refs[r];
        if (ref.source < 0) continue;  // names a selected item (ORDER BY alias)
        require(static_cast<std::size_t>(ref.source) < a.source_count);
        const table_schema& t = schema[static_cast<std::size_t>(a.sources[static_cast<std::size_t>(ref.source)].table_index)];
        require(ref.column >= 0 && static_cast<std::size_t>(ref.column) < t.column_count);
    }
    for (std::size_t p = 0; p < a.param_count; ++p) require(a.params[p].ref < static_cast<int>(a.ref_count));
    for (std::size_t o = 0; o < a.output_count; ++o) require(a.outputs[o].ref < static_cast<int>(a.ref_count));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const analysis a = read(text);
    if (a.error != problem::none) {
        require(a.error_offset <= text.size());
        return 0;
    }
    std::size_t end = 0;
    std::string renamed;
    for (std::size_t u = 0; u < a.use_count; ++u) {
        const std::size_t at = a.use_offset[u], length = a.use_length[u];
        require(at >= end && at + length <= text.size() && length >= 2 && text[at] == ':');
        require(a.use_param[u] >= 0 && static_cast<std::size_t>(a.use_param[u]) < a.param_count);
        require(text.substr(at + 1, length - 1) == a.params[static_cast<std::size_t>(a.use_param[u])].name);
        renamed += text.substr(end, at - end);
        renamed += ":p" + std::to_string(a.use_param[u]);
        end = at + length;
    }
    renamed += text.substr(end);
    for (std::size_t p = 0; p < a.param_count; ++p)
        for (std::size_t q = p + 1; q < a.param_count; ++q) require(a.params[p].name != a.params[q].name);

    const analysis again = read(renamed);
    require(again.error == problem::none || again.error > problem::too_many_placeholders);
    require(again.use_count == a.use_count && again.param_count == a.param_count);
    for (std::size_t u = 0; u < a.use_count; ++u) require(again.use_param[u] == a.use_param[u]);
    if (a.resolved) check_resolved(a);
    return 0;
}
