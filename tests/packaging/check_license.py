#!/usr/bin/env python3
"""Checks the license is stated where it must be.

    check_license.py --source-dir <ctql>

- LICENSE: the MIT license of "the ctql authors";
- every header under include/ctql/: first line `// SPDX-License-Identifier: MIT`,
  second line `#pragma once`;
- every generated header under single_include/ctql/: one SPDX line, its first line;
- conanfile.py and ports/ctql/vcpkg.json declare MIT.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SPDX = "// SPDX-License-Identifier: MIT"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True, type=Path)
    root = parser.parse_args().source_dir
    failures = []

    license_text = (root / "LICENSE").read_text(encoding="utf-8")
    if not license_text.startswith("MIT License\n") or \
            not re.search(r"^Copyright \(c\) \d{4} the ctql authors$", license_text, re.M) or \
            "Permission is hereby granted, free of charge" not in license_text:
        failures.append("LICENSE is not the MIT license of the ctql authors")

    headers = sorted((root / "include/ctql").rglob("*.hpp"))
    for header in headers:
        lines = header.read_text(encoding="utf-8").splitlines()
        if lines[:2] != [SPDX, "#pragma once"]:
            failures.append(f"{header.relative_to(root)}: must begin with the lines `{SPDX}` and `#pragma once`")
    generated = sorted((root / "single_include/ctql").glob("*.hpp"))
    if not generated:
        failures.append("single_include/ctql/ holds no header")
    for header in generated:
        text = header.read_text(encoding="utf-8")
        if not text.startswith(SPDX + "\n") or text.count("SPDX-License-Identifier") != 1:
            failures.append(f"{header.relative_to(root)}: must carry one SPDX line, its first line")

    if not re.search(r'^\s*license\s*=\s*"MIT"\s*$', (root / "conanfile.py").read_text(encoding="utf-8"), re.M):
        failures.append('conanfile.py: license should be "MIT"')
    if json.loads((root / "ports/ctql/vcpkg.json").read_text(encoding="utf-8")).get("license") != "MIT":
        failures.append('ports/ctql/vcpkg.json: license should be "MIT"')

    if failures:
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    print(f"PASS: LICENSE is MIT; SPDX lines in {len(headers)} headers and {len(generated)} single headers; "
          "the recipes declare MIT")
    return 0


if __name__ == "__main__":
    sys.exit(main())
