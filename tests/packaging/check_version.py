#!/usr/bin/env python3
"""Checks that the version is written the same everywhere (one version: CMake's project()).

    check_version.py --source-dir <ctql> --version <project()'s version>

- include/ctql/version.hpp: CTQL_VERSION_MAJOR/MINOR/PATCH, CTQL_VERSION "M.m.p" and
  CTQL_VERSION_NUMBER (M * 10000 + m * 100 + p);
- CHANGELOG.md: an [Unreleased] section, then one for this version;
- ports/ctql/vcpkg.json: "version". (conanfile.py reads project() itself; check_conanfile.py
  checks it.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True, type=Path)
    parser.add_argument("--version", required=True)
    args = parser.parse_args()
    root = args.source_dir
    version = args.version
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    if not match:
        print(f"FAIL: project() version {version!r} is not MAJOR.MINOR.PATCH", file=sys.stderr)
        return 1
    major, minor, patch = (int(part) for part in match.groups())
    failures = []

    header = (root / "include/ctql/version.hpp").read_text(encoding="utf-8")
    defines = dict(re.findall(r"^\s*#\s*define\s+(CTQL_VERSION\w*)\s+(.+?)\s*$", header, re.M))
    expected = {
        "CTQL_VERSION_MAJOR": str(major),
        "CTQL_VERSION_MINOR": str(minor),
        "CTQL_VERSION_PATCH": str(patch),
        "CTQL_VERSION": f'"{version}"',
    }
    for name, value in expected.items():
        if defines.get(name) != value:
            failures.append(f"include/ctql/version.hpp: {name} is {defines.get(name)}, project() says {value}")
    number = defines.get("CTQL_VERSION_NUMBER", "")
    substituted = number
    for name in ("CTQL_VERSION_MAJOR", "CTQL_VERSION_MINOR", "CTQL_VERSION_PATCH"):
        substituted = substituted.replace(name, defines.get(name, "?"))
    if not re.fullmatch(r"[\d\s()*+]+", substituted) or eval(substituted) != major * 10000 + minor * 100 + patch:
        failures.append(f"include/ctql/version.hpp: CTQL_VERSION_NUMBER is {number!r}, "
                        f"expected the value {major * 10000 + minor * 100 + patch}")

    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \[([^\]]+)\]", changelog, re.M)
    if not sections or sections[0] != "Unreleased":
        failures.append(f"CHANGELOG.md: the first section should be [Unreleased], found {sections[:1]}")
    if version not in sections:
        failures.append(f"CHANGELOG.md: no section ## [{version}]")

    manifest = json.loads((root / "ports/ctql/vcpkg.json").read_text(encoding="utf-8"))
    if manifest.get("version") != version:
        failures.append(f"ports/ctql/vcpkg.json: version {manifest.get('version')}, project() says {version}")

    if failures:
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        print("The version lives in CMakeLists.txt's project(); update these to match it.", file=sys.stderr)
        return 1
    print(f"PASS: version {version} in version.hpp (number {major * 10000 + minor * 100 + patch}), "
          "CHANGELOG.md and the vcpkg port")
    return 0


if __name__ == "__main__":
    sys.exit(main())
