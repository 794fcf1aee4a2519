#pragma once
// The message of the exception a call throws; a call that throws nothing fails the test.
#include <catch2/catch.hpp>

#include <exception>
#include <string>

namespace ctql_test {

template <class F>
std::string error_text(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    FAIL("no exception");
    return {};
}

}  // namespace ctql_test
