#!/usr/bin/env python3
"""C2: how many lines of compiler output come before the intended message.

    c2_diagnostics.py --out c2.json [--compilers g++,clang++]

For every tests/compile_fail/*.cpp snippet and every compiler: compile with
-fsyntax-only -std=c++20, count the diagnostic lines before the first line that
contains the snippet's first `// expect:` text, and check that every `// expect:`
text appears somewhere in the output (the same check as the compile-fail tests).
"""
import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parents[2]
INCLUDES = [ROOT / "include", pathlib.Path("/usr/include/postgresql")]


def expectations(source):
    return [m.strip() for m in re.findall(r"^[ \t]*//[ \t]*expect:(.*)$", source.read_text(), re.M) if m.strip()]


def diagnose(compiler, source):
    expect = expectations(source)
    cmd = [compiler, "-std=c++20", "-fsyntax-only", "-fdiagnostics-color=never"]
    cmd += [f"-I{d}" for d in INCLUDES] + [str(source)]
    run = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LC_ALL="C", LANG="C"))
    lines = (run.stdout + run.stderr).splitlines()
    before = next((i for i, line in enumerate(lines) if expect and expect[0] in line), None)
    return {
        "compiled": run.returncode == 0,
        "lines_total": len(lines),
        "lines_before": before,  # None: the first expected text never appears
        "all_expected_present": bool(expect) and all(e in "\n".join(lines) for e in expect),
        "first_expect": expect[0] if expect else None,
        "message_line": lines[before].strip() if before is not None else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--compilers", default="g++,clang++")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    sources = sorted((ROOT / "tests" / "compile_fail").glob("*.cpp"))
    compilers = args.compilers.split(",")
    jobs = [(c, s) for s in sources for c in compilers]
    print(f"c2: {len(sources)} snippets x {len(compilers)} compilers", file=sys.stderr)
    with ThreadPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(lambda job: diagnose(*job), jobs))
    snippets = {}
    for (compiler, source), outcome in zip(jobs, outcomes):
        snippets.setdefault(source.stem, {})[compiler] = outcome
    summary = {}
    for c in compilers:
        found = [s[c]["lines_before"] for s in snippets.values() if s[c]["lines_before"] is not None]
        summary[c] = {
            "snippets": len(snippets),
            "found": len(found),
            "max_lines_before": max(found) if found else None,
            "median_lines_before": statistics.median(found) if found else None,
            "within_10_lines": sum(1 for n in found if n < 10),
            "all_expected_present": sum(1 for s in snippets.values() if s[c]["all_expected_present"]),
            "compiled": sum(1 for s in snippets.values() if s[c]["compiled"]),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"compilers": compilers, "summary": summary, "snippets": snippets}, indent=1))


if __name__ == "__main__":
    main()
