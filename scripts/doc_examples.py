#!/usr/bin/env python3
"""Turns the C++ code blocks of a documentation page into one Catch2 test file.

    doc_examples.py --doc docs/queries.md --out queries_examples.cpp

Convention of the pages: the first ```cpp block is the page's schema, kept at
namespace scope (tables, CTQL_NAME declarations, helpers); every later ```cpp
block is the body of one test case, which checks that it runs without an
exception, with `db`, a ctql::sqlite::connection
to an in-memory database where the schema's tables exist (created by the
schema block's `create_all(db)` function). A block whose first line is
`// not compiled` is left out (for fragments shown for their shape only).
"""
import argparse
import pathlib
import re
import sys


def blocks(text):
    for match in re.finditer(r"^```cpp[^\n]*\n(.*?)^```", text, re.M | re.S):
        line = text.count("\n", 0, match.start()) + 2
        yield line, match.group(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--doc", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    doc = pathlib.Path(args.doc)
    found = [(line, code) for line, code in blocks(doc.read_text()) if not code.startswith("// not compiled")]
    if len(found) < 2:
        sys.exit(f"doc_examples.py: {doc} has no schema block and examples")
    out = [f"// Generated from {doc.name} by scripts/doc_examples.py: every example of the page, compiled and run.",
           "#include <catch2/catch.hpp>", ""]
    schema_line, schema = found[0]
    out.append(f'#line {schema_line} "{doc}"')
    out.append(schema)
    for line, code in found[1:]:
        out.append(f'TEST_CASE("{doc.name} example at line {line}") {{')
        out.append("    ctql::sqlite::connection db{\":memory:\"};")
        out.append("    create_all(db);")
        out.append("    const auto example = [&] {")
        out.append(f'#line {line} "{doc}"')
        out.append(code)
        out.append("    };")
        out.append("    CHECK_NOTHROW(example());")
        out.append("}")
        out.append("")
    text = "\n".join(out) + "\n"
    target = pathlib.Path(args.out)
    if not target.exists() or target.read_text() != text:
        target.write_text(text)


if __name__ == "__main__":
    main()
