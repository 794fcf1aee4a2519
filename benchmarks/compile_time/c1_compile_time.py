#!/usr/bin/env python3
"""C1: compile time and peak memory of 50 ctql statements vs the same 50 over raw sqlite3.

    c1_compile_time.py --out c1.json [--work DIR] [--reps 3] [--cxx g++] [--clang clang++]

Generates the TUs (generate.py), compiles each with `-O0 -c` and `-O2 -c` under
`/usr/bin/time -v` (wall clock, user+sys CPU, "Maximum resident set size"),
taking the median of --reps runs, and runs clang++ -ftime-trace on the ctql TU to
find the most expensive template instantiations. Then, with the first compiler at
-O0, splits the per-statement cost by stage: the ctql TU cut after building the
statements, after running them, after reading their rows (generate.STAGES), each
compiled in full and with -fsyntax-only (the front end alone: parsing, template
instantiation, constant evaluation; no code generated).
"""
import argparse
import collections
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

TUS = ["raw_headers", "raw", "ctql_headers", "ctql"]


def timed_compile(cmd):
    """Runs cmd under /usr/bin/time -v; returns wall seconds, CPU seconds and peak RSS in KiB."""
    result = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True,
                            env=dict(os.environ, LC_ALL="C"))
    if result.returncode != 0:
        sys.exit(f"c1: compile failed: {' '.join(cmd)}\n{result.stderr[-4000:]}")
    fields = dict(re.findall(r"^\s*(.+?): (.+)$", result.stderr, re.M))
    wall = 0.0
    for part in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"):
        wall = wall * 60 + float(part)
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"])


def measure(compiler, flags, source, obj, reps):
    runs = [timed_compile([compiler, "-std=c++20", *flags, f"-I{ROOT / 'include'}", "-c", str(source), "-o", str(obj)])
            for _ in range(reps)]
    return {"wall_s": statistics.median(r[0] for r in runs), "cpu_s": statistics.median(r[1] for r in runs),
            "max_rss_kib": statistics.median(r[2] for r in runs), "runs": runs}


def strip_template_arguments(name):
    """`a::f<x<y>>::g<z>` -> `a::f<>::g<>` (keeps operator< and operator<< intact)."""
    out, depth, i = [], 0, 0
    while i < len(name):
        if name.startswith("operator", i) and depth == 0:
            m = re.match(r"operator(\(\)|<<=?|>>=?|<=>|<=|>=|<|>|\S+?)(?=<|\(|$)", name[i:])
            if m:
                out.append(m.group(0))
                i += len(m.group(0))
                continue
        ch = name[i]
        if ch == "<":
            if depth == 0:
                out.append("<>")
            depth += 1
        elif ch == ">" and depth > 0:
            depth -= 1
        elif depth == 0:
            out.append(ch)
        i += 1
    return "".join(out)


def time_trace(clang, source, work):
    obj = work / "ctql_trace.o"
    subprocess.run([clang, "-std=c++20", "-O0", "-ftime-trace", "-ftime-trace-granularity=50",
                    f"-I{ROOT / 'include'}", "-c", str(source), "-o", str(obj)], check=True)
    events = json.loads(obj.with_suffix(".json").read_text())["traceEvents"]
    by_detail, by_template, count = collections.Counter(), collections.Counter(), collections.Counter()
    self_time, self_owner = collections.Counter(), collections.Counter()
    total = 0
    # Self time: an instantiation's duration minus that of the events nested in it (same thread).
    nested = sorted((e for e in events if e.get("ph") == "X" and "dur" in e), key=lambda e: (e["tid"], e["ts"], -e["dur"]))
    stack = []
    for e in nested:
        while stack and (stack[-1]["tid"] != e["tid"] or stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]):
            stack.pop()
        e["self"] = e["dur"]
        if stack:
            stack[-1]["self"] -= e["dur"]
            e["parent"] = stack[-1]
        stack.append(e)
    for e in nested:
        if e["name"] not in ("InstantiateClass", "InstantiateFunction"):
            continue
        name = strip_template_arguments(e["args"]["detail"])
        self_time[name] += e["self"]
        # std:: work is charged to the nearest enclosing ctql (non-std) instantiation.
        owner = e
        while owner is not None and (owner["name"] not in ("InstantiateClass", "InstantiateFunction") or
                                     strip_template_arguments(owner["args"]["detail"]).startswith("std::")):
            owner = owner.get("parent")
        self_owner[strip_template_arguments(owner["args"]["detail"]) if owner else "(the function bodies)"] += e["self"]
    for e in events:
        if e.get("name") == "ExecuteCompiler" and e.get("ph") == "X":
            total = max(total, e["dur"])
        if e.get("name") in ("InstantiateClass", "InstantiateFunction") and e.get("ph") == "X":
            detail = e["args"]["detail"]
            by_detail[(e["name"], detail)] += e["dur"]
            key = (e["name"], strip_template_arguments(detail))
            by_template[key] += e["dur"]
            count[key] += 1
    return {
        "compiler_total_ms": total / 1e3,
        "top_instantiations": [{"kind": k[0], "name": k[1], "ms": v / 1e3} for k, v in by_detail.most_common(5)],
        "top_templates": [{"kind": k[0], "name": k[1], "ms": v / 1e3, "count": count[k]}
                          for k, v in by_template.most_common(10)],
        "top_self": [{"name": k, "ms": v / 1e3} for k, v in self_time.most_common(12)],
        "top_owners": [{"name": k, "ms": v / 1e3} for k, v in self_owner.most_common(12)],
        "instantiation_ms": sum(self_time.values()) / 1e3,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("build/bench/compile_time"))
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--cxx", default="g++")
    parser.add_argument("--clang", default="clang++")
    args = parser.parse_args()

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(work)], check=True)
    statements = len(generate.make_statements(50))

    results = {"statements": statements, "compilers": {}, "reps": args.reps}
    builds = [(args.cxx, "-O0"), (args.cxx, "-O2")]
    if shutil.which(args.clang):
        builds.append((args.clang, "-O0"))
    for compiler, opt in builds:
        version = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        results["compilers"][compiler] = version
        for tu in TUS:
            print(f"c1: {compiler} {opt} {tu}.cpp", file=sys.stderr)
            m = measure(compiler, [opt], work / f"{tu}.cpp", work / f"{tu}.o", args.reps)
            results.setdefault("builds", []).append({"compiler": compiler, "opt": opt, "tu": tu, **m})
    stages = []
    for tu in ["ctql_headers", *(f"ctql_{stage}" for stage in generate.STAGES), "ctql"]:
        print(f"c1: {args.cxx} -O0 {tu}.cpp, compiled and -fsyntax-only", file=sys.stderr)
        stages.append({"tu": tu,
                       "compile": measure(args.cxx, ["-O0"], work / f"{tu}.cpp", work / f"{tu}.o", args.reps),
                       "front_end": measure(args.cxx, ["-O0", "-fsyntax-only"], work / f"{tu}.cpp",
                                            work / f"{tu}.o", args.reps)})
    results["stages"] = {"compiler": args.cxx, "tus": stages}
    if shutil.which(args.clang):
        print("c1: clang++ -ftime-trace ctql.cpp", file=sys.stderr)
        results["time_trace"] = time_trace(args.clang, work / "ctql.cpp", work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
