// Text from outside is made printable before it reaches a log line.
#include <catch2/catch.hpp>

#include <string>

#include <ctql/core/printable_text.hpp>

using ctql::detail::append_printable;
using ctql::detail::printable;

TEST_CASE("control characters are escaped, so one log line stays one line") {
    CHECK(printable("a\nb") == "a\\nb");
    CHECK(printable("a\r\nb\tc") == "a\\r\\nb\\tc");
    CHECK(printable("\x1b[31mred") == "\\x1b[31mred");
    CHECK(printable(std::string("nul\0byte", 8)) == "nul\\x00byte");
    CHECK(printable("del\x7f") == "del\\x7f");
    CHECK(printable("back\\slash") == "back\\\\slash");  // so that an escape cannot be forged either
}

TEST_CASE("Unicode controls, line separators and direction overrides are escaped too") {
    CHECK(printable("c1\xc2\x9b") == "c1\\u009b");       // CSI as a C1 control
    CHECK(printable("ls\xe2\x80\xa8") == "ls\\u2028");   // LINE SEPARATOR
    CHECK(printable("rlo\xe2\x80\xae") == "rlo\\u202e");  // RIGHT-TO-LEFT OVERRIDE
    CHECK(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

TEST_CASE("bytes that are not UTF-8 are written as hex escapes") {
    CHECK(printable("\xff") == "\\xff");
    CHECK(printable("\xc3") == "\\xc3");                 // a sequence cut short
    CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");        // overlong
    CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a UTF-16 surrogate
}

TEST_CASE("a cut falls on a character boundary and says that text was left out") {
    std::string accents;
    for (int i = 0; i < 150; ++i) accents += "\xc3\xa9";  // 300 bytes
    const std::string cut = printable(accents, 201);
    CHECK(cut.size() == 200 + 3);
    CHECK(cut.substr(196, 4) == "\xc3\xa9\xc3\xa9");
    CHECK(cut.substr(200) == "...");
    CHECK(printable("short", 200) == "short");
}

TEST_CASE("a quote character is doubled when the text goes between quotes") {
    std::string out;
    append_printable(out, "it's", std::string::npos, '\'');
    CHECK(out == "it''s");
}
