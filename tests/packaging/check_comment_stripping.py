#!/usr/bin/env python3
"""Checks how scripts/amalgamate.py tells comment-only lines from code.

The single headers leave out lines holding only a comment; a line is code as
soon as anything on it is code or part of a literal. Cases a simple
"starts with //" rule gets wrong are here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from amalgamate import comment_only_lines  # noqa: E402

# (source, which lines are comment-only)
CASES = [
    ("// why\nint x;  // trailing\n", [True, False]),
    ("   // indented\n\n", [True, False]),
    ("/* one */\n/* two\n   three */\nint y; /* four\n five */ int z;\n", [True, True, True, False, False]),
    ('auto s = "// not a comment";\n', [False]),
    ('auto r = R"(\n// inside a raw string\n)";\n', [False, False, False]),
    ('auto r = R"x(\n)" // still inside\n)x";\n// after\n', [False, False, False, True]),
    ("int n = 1'000; // digits\n// next\n", [False, True]),
    ("char c = '\"'; // quote\n// next\n", [False, True]),
    ("#define F(x) \\\n// spliced into the macro\nint w;\n", [False, False, False]),
    ("// a comment that continues \\\nonto this line\nint v;\n", [False, False, False]),
    ('auto e = "\\"// escaped";\n', [False]),
]


def main() -> int:
    failures = 0
    for source, expected in CASES:
        actual = comment_only_lines(source.splitlines())
        if actual != expected:
            failures += 1
            print(f"FAIL: {source!r}: comment-only {actual}, expected {expected}", file=sys.stderr)
    if failures:
        return 1
    print(f"PASS: {len(CASES)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
