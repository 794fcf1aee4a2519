// libFuzzer target: the database configuration reader
// (pipeline/database_config.hpp), which reads files and environment
// variables from outside. Whatever the input:
//   - reading never crashes, and fails only with ctql::interface_error;
//   - each URL it builds prints back, unmasked, to text that parses to the
//     same URL (so the engine gets what the file said);
//   - the configuration as printed does not depend on any password: it is the
//     same when every password is replaced by another.
// The same text is also given as the value of an environment variable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <ctql/pipeline/database_config.hpp>

namespace {

void check_round_trip(const ctql::url& u) {
    if (ctql::parse_url(u.to_string(false)) != u) std::abort();
}

// The entry with each password replaced by one of another length and content.
ctql::database_entry other_passwords(ctql::database_entry e) {
    for (ctql::url* u : {&e.user, &e.admin})
        if (u->password) *u->password = "other" + *u->password + "x";
    return e;
}

void check(const ctql::database_config& config) {
    for (const auto& entry : config.databases()) {
        check_round_trip(entry.user);
        check_round_trip(entry.admin);
        if (entry.to_string() != other_passwords(entry).to_string()) std::abort();
    }
    (void)config.to_string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        check(ctql::database_config::parse(text, "fuzz.ini"));
    } catch (const ctql::interface_error&) {
        // a mistake in the file, reported with its line
    }
    try {
        ctql::database_config config;
        config.apply_environment({{"CTQL_DATABASE_FUZZ_URL", text}, {"CTQL_DATABASE_FUZZ_ADMIN_URL", text}});
        check(config);
    } catch (const ctql::interface_error&) {
        // not a URL
    }
    return 0;
}
