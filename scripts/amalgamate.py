#!/usr/bin/env python3
"""Generate the single-header distribution of ctql.

    python3 scripts/amalgamate.py           # (re)write single_include/ctql/{ctql,sqlite,postgres,engine}.hpp
    python3 scripts/amalgamate.py --check   # exit 1 if the files on disk are not what it would write
    python3 scripts/amalgamate.py --sizes   # what each file weighs, and what it would without optional whitespace
                                            # (--stripped-to DIR also writes those files, to check they compile)

Each umbrella header include/ctql/<name>.hpp becomes single_include/ctql/<name>.hpp.
The core is inlined once, into ctql.hpp; the other files `#include` the generated
files they build on (sqlite.hpp and postgres.hpp include "ctql.hpp",
engine.hpp includes "sqlite.hpp" and "postgres.hpp", pipeline.hpp includes
"engine.hpp") and inline only what those lack.

Inlining: project includes (`#include <ctql/...>`, or `#include "..."` resolved
relative to the including file first, then to include/) are inlined recursively,
each header once per output file; `#pragma once` lines are dropped; system
includes stay as written. A header inlined into more than one output file (the
backends share a few) is wrapped in an include guard named after its path, so
that a program may include several of the generated files. Lines holding only a
comment are left out (the commented headers are in include/); each file starts
with one SPDX line and a banner instead. The output depends only on the contents
of include/: no dates, no absolute paths.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE_DIR = ROOT / "include"
OUTPUT_DIR = ROOT / "single_include"

# Each generated file, in generation order, with the generated files it
# includes instead of inlining their headers again.
OUTPUTS: dict[str, tuple[str, ...]] = {
    "ctql/ctql.hpp": (),
    "ctql/sqlite.hpp": ("ctql/ctql.hpp",),
    "ctql/postgres.hpp": ("ctql/ctql.hpp",),
    "ctql/engine.hpp": ("ctql/sqlite.hpp", "ctql/postgres.hpp"),
    "ctql/pipeline.hpp": ("ctql/engine.hpp",),
}
LICENSE_ID = "MIT"
# Issue 13's budget for all of single_include/ (bytes); going over it only warns.
SIZE_BUDGET = 450_000
VERSION_HEADER = INCLUDE_DIR / "ctql" / "version.hpp"

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
PRAGMA_ONCE_RE = re.compile(r"^\s*#\s*pragma\s+once\b")
IF_RE = re.compile(r"^\s*#\s*(if|ifdef|ifndef)\b")
ENDIF_RE = re.compile(r"^\s*#\s*endif\b")
IFNDEF_RE = re.compile(r"^\s*#\s*ifndef\s+(\w+)")
DEFINE_RE = re.compile(r"^\s*#\s*define\s+(\w+)\s*$")
VERSION_RE = re.compile(r'^\s*#\s*define\s+CTQL_VERSION\s+"([^"]+)"', re.M)
RAW_PREFIX_RE = re.compile(r"(?:^|[^A-Za-z0-9_])(?:u8|u|U|L)?R$")


class AmalgamationError(Exception):
    pass


def display(path: Path) -> str:
    """The header's name as users include it: ctql/core/fixed_string.hpp."""
    return path.relative_to(INCLUDE_DIR).as_posix()


def guard_macro(path: Path) -> str:
    name = display(path)
    if name.startswith("ctql/"):
        name = name[len("ctql/"):]
    return "CTQL_SINGLE_INCLUDE_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def resolve(kind: str, target: str, includer: Path) -> Path | None:
    """The project header an #include names, or None for a system/third-party header."""
    candidates = []
    if kind == '"':
        candidates.append(includer.parent / target)
    if kind == '"' or target.startswith("ctql/"):
        candidates.append(INCLUDE_DIR / target)
    for candidate in candidates:
        candidate = candidate.resolve()
        if candidate.is_file() and INCLUDE_DIR in candidate.parents:
            return candidate
    if target.startswith("ctql/"):
        closing = ">" if kind == "<" else '"'
        raise AmalgamationError(
            f"{display(includer)}: #include {kind}{target}{closing} names a ctql header that does not exist")
    return None


def comment_only_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it holds a comment and nothing else.

    A small C++ lexer: comment markers inside string, character and raw string
    literals do not count, a digit separator (1'000) is not a character literal,
    and a line ending in a backslash, or following one, is always kept: it is
    spliced to its neighbour before comments are removed, so dropping it would
    change what the neighbour means.
    """
    code, line_comment, block_comment, string, char, raw = range(6)
    state = code
    raw_end = ""
    result = []
    previous = ""
    for line in lines:
        has_code = state in (string, char, raw)
        has_comment = state in (line_comment, block_comment)
        i, n = 0, len(line)
        while i < n:
            c = line[i]
            if state == line_comment:
                break
            if state == block_comment:
                end = line.find("*/", i)
                if end < 0:
                    break
                state, i = code, end + 2
                continue
            if state == raw:
                end = line.find(raw_end, i)
                if end < 0:
                    break
                state, i = code, end + len(raw_end)
                continue
            if state in (string, char):
                quote = '"' if state == string else "'"
                if c == "\\":
                    i += 2
                    continue
                if c == quote:
                    state = code
                i += 1
                continue
            # state == code
            if line.startswith("//", i):
                state, has_comment = line_comment, True
                break
            if line.startswith("/*", i):
                state, has_comment, i = block_comment, True, i + 2
                continue
            if not c.isspace():
                has_code = True
            if c == '"':
                if RAW_PREFIX_RE.search(line[:i]):
                    open_paren = line.find("(", i)
                    if open_paren < 0:
                        raise AmalgamationError(f"cannot lex the raw string literal in: {line.strip()}")
                    raw_end = ")" + line[i + 1:open_paren] + '"'
                    state, i = raw, open_paren + 1
                    continue
                state = string
            elif c == "'":
                start = i
                while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_.'"):
                    start -= 1
                if not (start < i and line[start].isdigit()):
                    state = char
            i += 1
        continues = line.endswith("\\")
        if state == line_comment and not continues:
            state = code
        if state in (string, char) and not continues:
            state = code
        result.append(has_comment and not has_code and not continues and not previous.endswith("\\"))
        previous = line
    return result


class Amalgamator:
    def __init__(self, already_inlined: set[Path], guarded: set[Path]) -> None:
        self.inlined: set[Path] = set(already_inlined)
        self.referenced: set[Path] = set()
        self.guarded = guarded

    def expand(self, path: Path, stack: tuple[Path, ...] = ()) -> list[str]:
        if path in stack:
            cycle = " -> ".join(display(p) for p in (*stack, path))
            raise AmalgamationError(f"include cycle: {cycle}")
        self.inlined.add(path)
        name = display(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        comment_only = comment_only_lines(lines)
        out = [f"// ---- begin {name} ----"]
        guard = guard_macro(path) if path in self.guarded else None
        if guard:
            out += [f"#ifndef {guard}", f"#define {guard}"]
        depth = 0
        for number, line in enumerate(lines, start=1):
            if PRAGMA_ONCE_RE.match(line) or comment_only[number - 1]:
                continue
            if not line.strip() and (not out or not out[-1].strip() or out[-1].startswith("// ---- ")):
                continue
            if IF_RE.match(line):
                depth += 1
                # A classic include guard (#ifndef X / #define X) is not a condition.
                macro = IFNDEF_RE.match(line)
                following = lines[number] if number < len(lines) else ""
                defined = DEFINE_RE.match(following)
                if depth == 1 and macro and defined and macro.group(1) == defined.group(1):
                    depth = 0
            elif ENDIF_RE.match(line) and depth > 0:
                depth -= 1
            match = INCLUDE_RE.match(line)
            if match:
                target = resolve(match.group(1), match.group(2), path)
                if target is not None:
                    if depth > 0:
                        raise AmalgamationError(
                            f"{name}:{number}: project include inside #if/#ifdef; the amalgamation "
                            "inlines each header once, so it cannot honour the condition. "
                            "Include it unconditionally.")
                    self.referenced.add(target)
                    if target not in self.inlined:
                        out.extend(self.expand(target, (*stack, path)))
                    continue
            out.append(line)
        while out and not out[-1].strip():
            out.pop()
        if guard:
            out.append(f"#endif  // {guard}")
        out.append(f"// ---- end {name} ----")
        return out


def version() -> str:
    match = VERSION_RE.search(VERSION_HEADER.read_text(encoding="utf-8")) if VERSION_HEADER.is_file() else None
    if not match:
        raise AmalgamationError(f"{display(VERSION_HEADER)} does not define CTQL_VERSION \"MAJOR.MINOR.PATCH\"")
    return match.group(1)


def generate_all() -> dict[str, str]:
    """The text of every generated file, keyed by its name under single_include/."""
    for umbrella in OUTPUTS:
        if not (INCLUDE_DIR / umbrella).is_file():
            raise AmalgamationError(f"umbrella header include/{umbrella} does not exist")

    # First pass: which headers each output holds, to guard those in several.
    holds: dict[str, set[Path]] = {}
    provides: dict[str, set[Path]] = {}
    for umbrella, bases in OUTPUTS.items():
        inherited = set().union(*(provides[base] for base in bases))
        amalgamator = Amalgamator(inherited, guarded=set())
        amalgamator.expand((INCLUDE_DIR / umbrella).resolve())
        holds[umbrella] = amalgamator.inlined - inherited
        provides[umbrella] = amalgamator.inlined
        for base in bases:
            if not amalgamator.referenced & holds[base]:
                raise AmalgamationError(
                    f"single_include/{umbrella} is set to include {base}, but include/{umbrella} uses none of it")
    counts: dict[Path, int] = {}
    for headers in holds.values():
        for header in headers:
            counts[header] = counts.get(header, 0) + 1
    guarded = {header for header, count in counts.items() if count > 1}

    text = {}
    ctql_version = version()
    for umbrella, bases in OUTPUTS.items():
        inherited = set().union(*(provides[base] for base in bases))
        body = Amalgamator(inherited, guarded).expand((INCLUDE_DIR / umbrella).resolve())
        banner = [
            f"// SPDX-License-Identifier: {LICENSE_ID}",
            f"// ctql {ctql_version}, single-header distribution: {umbrella}"
            + (f" (with {', '.join(Path(base).name for base in bases)} beside it)" if bases else ""),
            "// Copyright (c) the ctql authors; see the LICENSE file of the ctql repository.",
            f"// GENERATED by scripts/amalgamate.py from include/{umbrella} -- do not edit by hand.",
            "// Comment lines are left out here; the commented headers are in include/.",
            "#pragma once",
            "",
        ]
        includes = [f'#include "{Path(base).name}"' for base in bases]
        text[umbrella] = "\n".join(banner + includes + body) + "\n"
    return text


WORD_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Characters that may form a longer token with a neighbour (`- -`, `> >=`, `/ /`).
OPERATOR_CHARS = set("+-*/%^&|~!=<>:.?#")


def without_optional_whitespace(text: str) -> str:
    """The text with every comment and every whitespace character that separates no tokens removed.

    String, character and raw string literals are kept as they are; a preprocessor
    directive keeps its line. Used only to report how small whitespace removal could
    make the generated files (--sizes); the generated files keep their layout, because
    compiler diagnostics quote their lines.
    """
    out: list[str] = []
    i, n = 0, len(text)
    space = False

    def emit(chunk: str) -> None:
        nonlocal space
        if space and out:
            last, first = out[-1][-1], chunk[0]
            if (last in WORD_CHARS and first in WORD_CHARS) or (last in OPERATOR_CHARS and first in OPERATOR_CHARS):
                out.append(" ")
        space = False
        out.append(chunk)

    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            space, at_line_start = True, True
            i += 1
        elif c in " \t\r\f\v":
            space = True
            i += 1
        elif c == "#" and at_line_start:
            end = i
            while True:  # a directive ends at the first newline not escaped by a backslash
                end = text.find("\n", end)
                if end < 0 or text[end - 1] != "\\":
                    break
                end += 1
            end = n if end < 0 else end
            directive = text[i:end].replace("\\\n", " ")
            # `#define NAME(` and `#define NAME (` differ: keep what follows the name as it is.
            head = re.match(r"#\s*(?:define\s+\w+\s?|\w+\s*)?", directive)
            if out and out[-1][-1] != "\n":
                out.append("\n")
            out.append(re.sub(r"\s+", " ", head.group(0).replace("# ", "#")) +
                       without_optional_whitespace(directive[head.end():]).replace("\n", " ").strip() + "\n")
            space, i = False, end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
            space = True
        elif c == '"' and RAW_PREFIX_RE.search("".join(out[-3:])) and out and out[-1].endswith("R"):
            open_paren = text.index("(", i)
            closing = ")" + text[i + 1:open_paren] + '"'
            end = text.index(closing, open_paren) + len(closing)
            emit(text[i:end])
            i = end
        elif c in "\"'" and not (c == "'" and out and out[-1][-1].isalnum() and not space):
            j = i + 1
            while text[j] != c:
                j += 2 if text[j] == "\\" else 1
            emit(text[i:j + 1])
            i = j + 1
        else:
            emit(c)
            i += 1
        if c not in " \t\r\f\v\n":
            at_line_start = False
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if single_include/ differs from what would be generated")
    parser.add_argument("--sizes", action="store_true",
                        help="do not write; print each file's size, and its size without optional whitespace")
    parser.add_argument("--stripped-to", type=Path, metavar="DIR",
                        help="with --sizes: also write the files without optional whitespace into DIR/ctql/")
    args = parser.parse_args()

    try:
        generated = generate_all()
    except AmalgamationError as error:
        print(f"amalgamate.py: error: {error}", file=sys.stderr)
        return 2

    if args.sizes:
        return print_sizes(generated, args.stripped_to)
    stale = []
    for umbrella, text in generated.items():
        target = OUTPUT_DIR / umbrella
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        relative = target.relative_to(ROOT).as_posix()
        if args.check:
            stale.append(f"{relative} ({'missing' if current is None else 'differs from include/'})")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {relative} ({len(text.encode('utf-8'))} bytes)")

    if stale:
        print("single_include/ is stale: it is not what include/ generates now.", file=sys.stderr)
        for entry in stale:
            print(f"  {entry}", file=sys.stderr)
        print("Regenerate it with `python3 scripts/amalgamate.py` and commit the result.", file=sys.stderr)
        return 1
    total = sum(len(text.encode("utf-8")) for text in generated.values())
    if total > SIZE_BUDGET:
        print(f"amalgamate.py: warning: single_include/ is {total} bytes, over its budget of {SIZE_BUDGET} "
              "(--sizes shows what removing every optional whitespace character would leave)", file=sys.stderr)
    if args.check:
        print(f"single_include/ is up to date ({len(generated)} files, {total} bytes).")
    else:
        print(f"single_include/: {len(generated)} files, {total} bytes in all")
    return 0


def print_sizes(generated: dict[str, str], stripped_to: Path | None) -> int:
    tree = sum(path.stat().st_size for path in INCLUDE_DIR.rglob("*.hpp"))
    print(f"include/: {tree} bytes in {sum(1 for _ in INCLUDE_DIR.rglob('*.hpp'))} headers")
    totals = [0, 0]
    for umbrella, text in generated.items():
        stripped = without_optional_whitespace(text)
        if stripped_to is not None:
            (stripped_to / umbrella).parent.mkdir(parents=True, exist_ok=True)
            (stripped_to / umbrella).write_text(stripped, encoding="utf-8", newline="\n")
        size = len(text.encode("utf-8"))
        floor = len(stripped.encode("utf-8"))
        totals[0] += size
        totals[1] += floor
        print(f"single_include/{umbrella}: {size} bytes, {floor} without optional whitespace")
    print(f"single_include/: {totals[0]} bytes, {totals[1]} without optional whitespace (budget {SIZE_BUDGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
