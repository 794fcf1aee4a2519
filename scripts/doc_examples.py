#!/usr/bin/env python3
"""Turns the C++ code blocks of the documentation into code the test suite compiles.

Three modes:

    doc_examples.py --doc docs/queries.md --out queries_examples.cpp
    doc_examples.py --programs --doc README.md --out-dir DIR
    doc_examples.py --check --documented queries schema -- README.md docs/*.md

A cookbook page (listed in `ctql_documented_pages`, tests/CMakeLists.txt) becomes one
Catch2 test file (first form). Convention of these pages: the first ```cpp block is
the page's schema, kept at namespace scope (tables, CTQL_NAME declarations,
helpers); every later ```cpp block is the body of one test case, which checks
that it runs without an exception, with `db`, a ctql::sqlite::connection
to an in-memory database where the schema's tables exist (created by the
schema block's `create_all(db)` function).

A block that is a complete program (it defines `int main`) may be on any page;
it is left out of the cookbook file, and `--programs` writes it to a file of its
own, `DIR/<page>_program_<n>.cpp` (n counting from 1 on the page), and prints one
line per program, `<run|build>|<file>`: the test suite (cmake/ctqlDocs.cmake) builds
each and runs those marked `run`. A program is only built, not run, when it
connects to PostgreSQL (it mentions `postgres::connection`, `postgresql://` or
`postgres://`: the address in a page is an example, not the test server) or
when its first line is `// not run: <reason>`.

A block whose first line is `// not compiled` is left out everywhere (for
fragments shown for their shape only); outside the cookbook pages the line
must say why: `// not compiled: <reason>`. `--check` fails, naming each
block, when a page that is not a cookbook page has a ```cpp block that is
neither a complete program nor marked so: every block of the documentation is
compiled, or says why not.
"""
import argparse
import pathlib
import re
import sys

MAIN = re.compile(r"^\s*int\s+main\s*\(", re.M)
NOT_COMPILED = "// not compiled"
NOT_RUN = "// not run:"
POSTGRES = re.compile(r"postgres::connection|postgresql://|postgres://")


def blocks(text):
    for match in re.finditer(r"^```cpp[^\n]*\n(.*?)^```", text, re.M | re.S):
        line = text.count("\n", 0, match.start()) + 2
        yield line, match.group(1)


def is_program(code):
    return MAIN.search(code) is not None


def not_compiled(code):
    return code.startswith(NOT_COMPILED)


def stem_of(doc):
    return re.sub(r"[^A-Za-z0-9]+", "_", doc.stem).lower()


def write_if_changed(target, text):
    target = pathlib.Path(target)
    if not target.exists() or target.read_text() != text:
        target.write_text(text)


def cookbook(doc, out):
    found = [(line, code) for line, code in blocks(doc.read_text())
             if not not_compiled(code) and not is_program(code)]
    if len(found) < 2:
        sys.exit(f"doc_examples.py: {doc} has no schema block and examples")
    out_lines = [f"// Generated from {doc.name} by scripts/doc_examples.py: every example of the page, compiled and run.",
                 "#include <catch2/catch.hpp>", ""]
    schema_line, schema = found[0]
    out_lines.append(f'#line {schema_line} "{doc}"')
    out_lines.append(schema)
    for line, code in found[1:]:
        out_lines.append(f'TEST_CASE("{doc.name} example at line {line}") {{')
        out_lines.append("    ctql::sqlite::connection db{\":memory:\"};")
        out_lines.append("    create_all(db);")
        out_lines.append("    const auto example = [&] {")
        out_lines.append(f'#line {line} "{doc}"')
        out_lines.append(code)
        out_lines.append("    };")
        out_lines.append("    CHECK_NOTHROW(example());")
        out_lines.append("}")
        out_lines.append("")
    write_if_changed(out, "\n".join(out_lines) + "\n")


def programs(doc, out_dir):
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for line, code in blocks(doc.read_text()):
        if not_compiled(code) or not is_program(code):
            continue
        n += 1
        target = out_dir / f"{stem_of(doc)}_program_{n}.cpp"
        header = f"// Generated from {doc.name} (the block at line {line}) by scripts/doc_examples.py.\n"
        write_if_changed(target, f'{header}#line {line} "{doc}"\n{code}')
        mode = "build" if code.startswith(NOT_RUN) or POSTGRES.search(code) else "run"
        print(f"{mode}|{target}")


def check(documented, docs):
    problems = []
    for doc in docs:
        cookbook_page = doc.stem in documented and doc.parent.name == "docs"
        for line, code in blocks(doc.read_text()):
            if is_program(code):
                continue
            if not_compiled(code):
                reason = code[len(NOT_COMPILED):].split("\n", 1)[0].strip(" :-—()")
                if not reason and not cookbook_page:
                    problems.append(f"{doc}:{line}: `// not compiled` needs a reason: `// not compiled: <why>`")
                continue
            if not cookbook_page:
                problems.append(f"{doc}:{line}: a ```cpp block that is not compiled: make it a complete program "
                                f"(with int main), add the page to ctql_documented_pages (tests/CMakeLists.txt) "
                                f"if it follows the cookbook convention, or start the block with "
                                f"`// not compiled: <reason>`")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(f"doc_examples.py --check: {len(problems)} code block(s) neither compiled nor marked")
    print(f"doc_examples.py --check: every ```cpp block of {len(docs)} page(s) is compiled or says why not")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--doc")
    parser.add_argument("--out")
    parser.add_argument("--programs", action="store_true")
    parser.add_argument("--out-dir")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--documented", nargs="*", default=[])
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    if args.check:
        check(set(args.documented), [pathlib.Path(p) for p in args.pages])
    elif args.programs:
        if not args.doc or not args.out_dir:
            parser.error("--programs needs --doc and --out-dir")
        programs(pathlib.Path(args.doc), args.out_dir)
    else:
        if not args.doc or not args.out:
            parser.error("--doc and --out are needed")
        cookbook(pathlib.Path(args.doc), args.out)


if __name__ == "__main__":
    main()
