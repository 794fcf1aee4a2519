#!/usr/bin/env python3
"""C1 of benchmarks.md: writes the translation units whose compile time is measured.

    generate.py OUT_DIR [--statements 50]

  ctql.cpp          3 tables (8, 7 and 6 columns) and 50 distinct statements (selects with
                    where/join/order/limit, inserts, updates, deletes) run on a
                    ctql::sqlite::connection inside one function
  ctql_headers.cpp  the same includes and tables, no statements (the baseline that
                    per-statement cost is measured against)
  ctql_build.cpp    the statements built (their values held at run time) and their SQL
                    text read, nothing run: the cost of the query language alone
  ctql_execute.cpp  the statements run, the rows of a select not read
  ctql_iterate.cpp  the statements run, each select's rows read in a loop
                    (ctql.cpp keeps them with to_vector())
  raw.cpp           the same 50 statements as string literals through
                    sqlite3_prepare_v2 / bind / step / column / finalize
  raw_headers.cpp   the raw TU's includes only
  statements.txt    the 50 statements, ctql form and SQL form, for reading
"""
import argparse
import pathlib
import re

# name -> [(column, C++ type, kind, nullable, constraint)]; kind: int real text bool
TABLES = {
    "customers": [
        ("id", "std::int64_t", "int", False, "ctql::primary_key"),
        ("name", "std::string", "text", False, None),
        ("email", "std::optional<std::string>", "text", True, "ctql::unique"),
        ("city", "std::string", "text", False, None),
        ("age", "std::int64_t", "int", False, None),
        ("balance", "double", "real", False, "ctql::default_value<0>"),
        ("active", "bool", "bool", False, "ctql::default_value<true>"),
        ("referrer", "std::optional<std::int64_t>", "int", True, None),
    ],
    "products": [
        ("id", "std::int64_t", "int", False, "ctql::primary_key"),
        ("sku", "std::string", "text", False, "ctql::unique"),
        ("title", "std::string", "text", False, None),
        ("price", "double", "real", False, None),
        ("stock", "std::int64_t", "int", False, "ctql::default_value<0>"),
        ("category", "std::string", "text", False, 'ctql::default_value<ctql::fixed_string{"misc"}>'),
        ("discontinued", "bool", "bool", False, "ctql::default_value<false>"),
    ],
    "orders": [
        ("id", "std::int64_t", "int", False, "ctql::primary_key"),
        ("customer_id", "std::int64_t", "int", False, "ctql::references<customers.id>"),
        ("product_id", "std::int64_t", "int", False, "ctql::references<products.id>"),
        ("quantity", "std::int64_t", "int", False, "ctql::default_value<1>"),
        ("total", "double", "real", False, None),
        ("note", "std::optional<std::string>", "text", True, None),
    ],
}
JOINS = [("orders", "customers", "customer_id"), ("orders", "products", "product_id")]


def columns(table):
    return {c[0]: c for c in TABLES[table]}


class Stmt:
    """One statement in both forms; binds are (kind, C++ literal) in placeholder order."""

    def __init__(self, ctql, sql, binds, result=None):
        self.ctql, self.sql, self.binds, self.result = ctql, sql, binds, result or []


def value(kind, seed):
    """A literal of the column's kind: (ctql text, C++ value for the raw bind)."""
    if kind == "int":
        return f"std::int64_t{{{seed}}}", f"{seed}"
    if kind == "real":
        return f"{seed}.5", f"{seed}.5"
    if kind == "bool":
        return ("true", "1") if seed % 2 else ("false", "0")
    return f'"v{seed}"', f'"v{seed}"'


OPS = [(">", ">"), ("<", "<"), ("==", "="), ("!=", "<>"), (">=", ">="), ("<=", "<=")]


def predicate(table, column, op_index, seed):
    """(ctql, sql, binds) for one condition on table.column."""
    _, _, kind, nullable, _ = columns(table)[column]
    if nullable:
        if op_index % 2:
            return f"{table}.{column}.is_null()", f"{table}.{column} IS NULL", []
        return f"{table}.{column}.is_not_null()", f"{table}.{column} IS NOT NULL", []
    if kind in ("text", "bool"):
        cop, sop = OPS[2 + op_index % 2]  # = or <>
    else:
        cop, sop = OPS[op_index % len(OPS)]
    cv, rv = value(kind, seed)
    return f"{table}.{column} {cop} {cv}", f"{table}.{column} {sop} ?", [(kind, rv)]


def plain_columns(table):
    return [c[0] for c in TABLES[table] if not c[3]]


def make_statements(count):
    out = []
    seed = 3
    # --- selects: single table, rotating column lists, conditions, order and limit
    for i in range(18):
        table = list(TABLES)[i % 3]
        cols = [c[0] for c in TABLES[table]]
        picked = [cols[(i + k) % len(cols)] for k in range(2 + i % 3)]
        picked = list(dict.fromkeys(picked))
        conds = [predicate(table, cols[(i * 2 + 1 + k) % len(cols)], i + k, seed + k) for k in range(1 + i % 2)]
        seed += 2
        where_c = " && ".join(c[0] for c in conds)
        where_s = " AND ".join(c[1] for c in conds)
        binds = [b for c in conds for b in c[2]]
        order = plain_columns(table)[i % len(plain_columns(table))]
        desc = i % 2 == 1
        ctql = (f"select({', '.join(f'{table}.{c}' for c in picked)}).from({table}).where({where_c})"
                f".order_by({table}.{order}{'.desc()' if desc else ''})")
        sql = (f"SELECT {', '.join(picked)} FROM {table} WHERE {where_s.replace(table + '.', '')} "
               f"ORDER BY {order}{' DESC' if desc else ''}")
        if i % 3 != 2:
            ctql += f".limit({10 + i})"
            sql += " LIMIT ?"
            binds.append(("int", str(10 + i)))
        out.append(Stmt(ctql, sql, binds, [columns(table)[c] for c in picked]))
    # --- selects with a join
    for i in range(8):
        left, right, key = JOINS[i % 2]
        lcols = [c[0] for c in TABLES[left]]
        rcols = [c[0] for c in TABLES[right]]
        picked = [(left, lcols[(i + 1) % len(lcols)]), (right, rcols[(i + 1) % len(rcols)]),
                  (left, lcols[(i + 3) % len(lcols)])]
        picked = list(dict.fromkeys(picked))
        cond = predicate(right if i % 2 else left, (rcols if i % 2 else lcols)[(i + 2) % 6], i, seed)
        seed += 1
        order_table = right if i % 4 < 2 else left
        order = plain_columns(order_table)[(i + 1) % len(plain_columns(order_table))]
        ctql = (f"select({', '.join(f'{t}.{c}' for t, c in picked)}).from({left})"
                f".join({right}).on({left}.{key} == {right}.id).where({cond[0]})"
                f".order_by({order_table}.{order}).limit({5 + i})")
        sql = (f"SELECT {', '.join(f'{t}.{c}' for t, c in picked)} FROM {left} JOIN {right} "
               f"ON {left}.{key} = {right}.id WHERE {cond[1]} ORDER BY {order_table}.{order} LIMIT ?")
        out.append(Stmt(ctql, sql, cond[2] + [("int", str(5 + i))], [columns(t)[c] for t, c in picked]))
    # --- inserts: every required column, plus a different set of optional/default ones each time
    for i in range(8):
        table = list(TABLES)[i % 3]
        required = [c for c in TABLES[table][1:] if not c[3] and not (c[4] or "").startswith("ctql::default")]
        optional = [c for c in TABLES[table][1:] if c not in required]
        mask = i // 3 + 1  # a different subset of the optional columns each time round
        chosen = sorted(required + [c for k, c in enumerate(optional) if mask >> k & 1], key=TABLES[table].index)
        sets, names, binds = [], [], []
        for k, c in enumerate(chosen):
            cv, rv = value(c[2], seed + k)
            sets.append(f"{table}.{c[0]} = {cv}")
            names.append(c[0])
            binds.append((c[2], rv))
        seed += 3
        out.append(Stmt(f"insert_into({table}).set({', '.join(sets)})",
                        f"INSERT INTO {table}({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", binds))
    # --- updates
    for i in range(8):
        table = list(TABLES)[i % 3]
        cols = TABLES[table][1:]
        target = cols[(i + 1 + i // 3) % len(cols)]
        if target[3]:
            cv, rv = "std::nullopt", None
        else:
            cv, rv = value(target[2], seed)
        cond = predicate(table, cols[(i + 3) % len(cols)][0], i, seed + 1)
        seed += 2
        binds = ([] if rv is None else [(target[2], rv)]) + cond[2]
        out.append(Stmt(f"update({table}).set({table}.{target[0]} = {cv}).where({cond[0]})",
                        f"UPDATE {table} SET {target[0]} = {'NULL' if rv is None else '?'} "
                        f"WHERE {cond[1].replace(table + '.', '')}", binds))
    # --- deletes
    for i in range(8):
        table = list(TABLES)[i % 3]
        cols = TABLES[table]
        cond = predicate(table, cols[(i * 3 + 1) % len(cols)][0], i + 1, seed)
        if i >= 4:
            extra = predicate(table, cols[(i + 2) % len(cols)][0], i, seed + 1)
            cond = (f"{cond[0]} && {extra[0]}", f"{cond[1]} AND {extra[1]}", cond[2] + extra[2])
        seed += 2
        out.append(Stmt(f"delete_from({table}).where({cond[0]})",
                        f"DELETE FROM {table} WHERE {cond[1].replace(table + '.', '')}", cond[2]))
    shapes = [re.sub(r"\d+", "#", s.ctql) for s in out]
    duplicates = {s for s in shapes if shapes.count(s) > 1}
    assert not duplicates, f"statements of the same type: {duplicates}"
    assert len(out) >= count, len(out)
    return out[:count]


def table_decls():
    text = []
    for table, cols in TABLES.items():
        rows = []
        for name, cpp, _, _, constraint in cols:
            rows.append(f"    ({name}, {cpp}{', ' + constraint if constraint else ''})")
        text.append(f"CTQL_TABLE({table},\n" + ",\n".join(rows) + ");\n")
    return "\n".join(text)


CTQL_HEAD = """// Generated by benchmarks/compile_time/generate.py (C1). Do not edit.
#include <cstdint>
#include <optional>
#include <string>

#include <ctql/sqlite.hpp>

"""


def ctql_program(function_body):
    """A ctql TU: the includes, the tables, and run_statements() with this body."""
    return (CTQL_HEAD + table_decls() + "\nusing namespace ctql;\n\n"
            "std::int64_t run_statements(sqlite::connection& db) {\n" + function_body + "}\n")


def ctql_tu(stmts):
    body = []
    for s in stmts:
        if s.result:
            body.append(f"    n += static_cast<std::int64_t>(db({s.ctql}).to_vector().size());")
        else:
            body.append(f"    n += db({s.ctql});")
    return ctql_program("    std::int64_t n = 0;\n" + "\n".join(body) + "\n    return n;\n")


# The ctql TU cut after each stage, in order; ctql.cpp is the last one (rows kept with to_vector()).
STAGES = ["build", "execute", "iterate"]


def ctql_stage_tu(stmts, stage):
    """The ctql TU stopped at one stage (see the module docstring), to show where its compile time goes."""
    body = []
    for s in stmts:
        if stage == "build":
            body.append(f"    {{\n        const auto s = {s.ctql};\n"
                        "        n += static_cast<std::int64_t>(s.sql<ctql::dialect::sqlite>().size() + sizeof(s));\n    }")
        elif not s.result:
            body.append(f"    n += db({s.ctql});")
        elif stage == "execute":
            body.append(f"    {{\n        auto rows = db({s.ctql});\n"
                        "        n += static_cast<std::int64_t>(sizeof(rows));\n    }")
        else:
            body.append(f"    for (const auto& row : db({s.ctql})) n += static_cast<std::int64_t>(sizeof(row));")
    return ctql_program("    std::int64_t n = db.last_insert_id();\n" + "\n".join(body) + "\n    return n;\n")


def ctql_headers_tu():
    return ctql_program("    return db.last_insert_id();\n")


RAW_HEAD = """// Generated by benchmarks/compile_time/generate.py (C1). Do not edit.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

"""

RAW_HELPERS = """namespace {
sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
    return st;
}
void finish(sqlite3* db, sqlite3_stmt* st, int rc) {
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
}
}  // namespace

"""

BIND = {"int": "sqlite3_bind_int64(st, {i}, {v})", "real": "sqlite3_bind_double(st, {i}, {v})",
        "bool": "sqlite3_bind_int(st, {i}, {v})", "text": "sqlite3_bind_text(st, {i}, {v}, -1, SQLITE_STATIC)"}


def read(col, i):
    _, cpp, kind, nullable, _ = col
    if kind == "text":
        get = f"std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, {i})), sqlite3_column_bytes(st, {i}))"
    elif kind == "real":
        get = f"sqlite3_column_double(st, {i})"
    elif kind == "bool":
        get = f"sqlite3_column_int(st, {i}) != 0"
    else:
        get = f"sqlite3_column_int64(st, {i})"
    if nullable:
        return f"sqlite3_column_type(st, {i}) == SQLITE_NULL ? {cpp}{{}} : {cpp}({get})"
    return get


def raw_tu(stmts):
    out = [RAW_HEAD, RAW_HELPERS, "std::int64_t run_statements(sqlite3* db) {\n    std::int64_t n = 0;\n"]
    for k, s in enumerate(stmts):
        lines = [f"    {{  // {k + 1}", f'        sqlite3_stmt* st = prepare(db, "{s.sql}");']
        for i, (kind, v) in enumerate(s.binds, start=1):
            lines.append("        " + BIND[kind].format(i=i, v=v) + ";")
        if s.result:
            fields = "".join(f"{c[1]} c{i}; " for i, c in enumerate(s.result))
            inits = ", ".join(read(c, i) for i, c in enumerate(s.result))
            lines += [f"        struct row {{ {fields}}};", "        std::vector<row> rows;", "        int rc;",
                      "        while ((rc = sqlite3_step(st)) == SQLITE_ROW)",
                      f"            rows.push_back(row{{{inits}}});",
                      "        finish(db, st, rc);", "        n += static_cast<std::int64_t>(rows.size());"]
        else:
            lines += ["        finish(db, st, sqlite3_step(st));", "        n += sqlite3_changes(db);"]
        out.append("\n".join(lines) + "\n    }\n")
    out.append("    return n;\n}\n")
    return "".join(out)


def raw_headers_tu():
    return RAW_HEAD + "std::int64_t run_statements(sqlite3* db) {\n    return sqlite3_changes(db);\n}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("--statements", type=int, default=50)
    args = parser.parse_args()
    stmts = make_statements(args.statements)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    files = {"ctql.cpp": ctql_tu(stmts), "ctql_headers.cpp": ctql_headers_tu(),
             **{f"ctql_{stage}.cpp": ctql_stage_tu(stmts, stage) for stage in STAGES},
             "raw.cpp": raw_tu(stmts), "raw_headers.cpp": raw_headers_tu(),
             "statements.txt": "".join(f"{k + 1:2}. {s.ctql}\n    {s.sql}\n" for k, s in enumerate(stmts))}
    for name, text in files.items():
        (args.out_dir / name).write_text(text)
    print(f"generate.py: {len(stmts)} statements in {args.out_dir}")


if __name__ == "__main__":
    main()
