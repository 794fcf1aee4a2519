// P1–P4 of /work/shared/benchmarks.md: ctql beside raw libpq (and libpqxx when it
// was found at configure time), in one process, against the server named by
// CTQL_TEST_POSTGRES_CONNINFO (scripts/with-postgres.sh starts a throwaway one).
// With CTQL_TEST_PGBOUNCER_CONNINFO set too (with-postgres.sh --pgbouncer), P2B
// and P4B: the work of P2 and P4 through pgbouncer in transaction mode, where
// ctql runs with pooler=transaction (unnamed statements), beside the same
// through a direct connection and raw libpq through pgbouncer.
//
//   postgres_bench [--scale small|full] [--reps K] [--only P1,P3] [--n N1,N2] [--out results.json]
//
// Every contender does the same work on the same rows (built before the clock
// starts) and reads every value into the same C++ types. Tables are emptied
// outside the clock before each insert run.
#include <libpq-fe.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <ctql/pipeline/copy_to_table.hpp>
#include <ctql/postgres.hpp>

#include "harness.hpp"
#include "workload.hpp"

#if CTQL_BENCH_HAVE_PQXX
#include <pqxx/pqxx>
#endif

namespace {

using ctql::arg;
using ctql::param;
using namespace workload;

struct bench_record {
    std::int64_t id;
    std::string name;
    double value;
    bool flag;
};


constexpr const char* raw_insert = "INSERT INTO bench(name, value, flag) VALUES ($1, $2, $3)";
constexpr const char* raw_lookup = "SELECT name, value FROM bench WHERE id = $1";

double checksum(const std::string& name, double value, bool flag) {
    return static_cast<double>(name.size()) + value + (flag ? 1 : 0);
}

std::string conninfo() {
    const char* c = std::getenv("CTQL_TEST_POSTGRES_CONNINFO");
    if (c == nullptr || *c == '\0')
        throw std::runtime_error("CTQL_TEST_POSTGRES_CONNINFO is not set: run through scripts/with-postgres.sh");
    return c;
}

// pgbouncer in front of the same server, or "" (with-postgres.sh --pgbouncer sets it).
std::string pooler_conninfo() {
    const char* c = std::getenv("CTQL_TEST_PGBOUNCER_CONNINFO");
    return c != nullptr ? c : "";
}

// --- raw libpq --------------------------------------------------------------------------
struct raw_connection {
    PGconn* conn;
    explicit raw_connection(const std::string& target = conninfo()) : conn(PQconnectdb(target.c_str())) {
        if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn));
    }
    ~raw_connection() { PQfinish(conn); }
    void exec(const char* sql) const {
        PGresult* r = PQexec(conn, sql);
        const auto status = PQresultStatus(r);
        PQclear(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(PQerrorMessage(conn));
    }
    void prepare(const char* name, const char* sql, int n, const Oid* types) const {
        PGresult* r = PQprepare(conn, name, sql, n, types);
        const auto status = PQresultStatus(r);
        PQclear(r);
        if (status != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(conn));
    }
};

std::uint64_t be64(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, 8);
    return __builtin_bswap64(bits);
}
double from_be64_double(const char* p) {
    std::uint64_t bits;
    std::memcpy(&bits, p, 8);
    bits = __builtin_bswap64(bits);
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
}
std::int64_t from_be64_int(const char* p) {
    std::uint64_t bits;
    std::memcpy(&bits, p, 8);
    return static_cast<std::int64_t>(__builtin_bswap64(bits));
}

// One row of the insert as raw binary parameters.
struct raw_insert_params {
    const char* values[3];
    int lengths[3];
    int formats[3] = {1, 1, 1};
    std::uint64_t value_be;
    char flag;
    void set(const std::tuple<std::string, double, bool>& r) {
        const auto& [name, value, flag_value] = r;
        value_be = be64(value);
        flag = flag_value ? 1 : 0;
        values[0] = name.data();
        lengths[0] = static_cast<int>(name.size());
        values[1] = reinterpret_cast<const char*>(&value_be);
        lengths[1] = 8;
        values[2] = &flag;
        lengths[2] = 1;
    }
};
constexpr Oid insert_types[3] = {25, 701, 16};

void reset_table(raw_connection& admin) {
    admin.exec("TRUNCATE bench RESTART IDENTITY");
}

// --- P1 -----------------------------------------------------------------------------------
void p1(harness::session& s, std::int64_t n, const row_data& rows, raw_connection& admin) {
    ctql::postgres::connection db{conninfo()};
    raw_connection raw;
    std::vector<harness::contender> cs;
    const auto count_rows = [&] {
        PGresult* r = PQexec(admin.conn, "SELECT count(*), sum(value) FROM bench");
        const double sum = std::atof(PQgetvalue(r, 0, 0)) + std::atof(PQgetvalue(r, 0, 1));
        PQclear(r);
        return sum;
    };
    cs.emplace_back("ctql columns() + rows (COPY binary)", "ctql", [&] { reset_table(admin); },
                    [&] { return static_cast<double>(db(insert_rows, rows)) * 0; }, count_rows);
    cs.emplace_back("ctql copy_to_table (range)", "ctql", [&] { reset_table(admin); },
                    [&] { return static_cast<double>(ctql::copy_to_table(db, insert_rows, rows).rows) * 0; }, count_rows);
    std::string tsv;
    std::istringstream tsv_in;
    cs.emplace_back("ctql copy_to_table (TSV text)", "ctql",
                    [&] {
                        reset_table(admin);
                        if (tsv.empty()) tsv = tsv_text(static_cast<std::int64_t>(rows.size()));
                        tsv_in = std::istringstream(tsv);
                    },
                    [&] { return static_cast<double>(ctql::copy_to_table(db, insert_rows, ctql::delimited(tsv_in)).rows) * 0; },
                    count_rows);
    cs.emplace_back("raw libpq COPY binary", "raw", [&] { reset_table(admin); },
                    [&] {
                        PGresult* r = PQexec(raw.conn, "COPY bench (name, value, flag) FROM STDIN (FORMAT binary)");
                        PQclear(r);
                        std::string buffer;
                        buffer.reserve((1 << 20) + 4096);
                        const auto put32 = [&](std::uint32_t v) {
                            const std::uint32_t be = __builtin_bswap32(v);
                            buffer.append(reinterpret_cast<const char*>(&be), 4);
                        };
                        static constexpr char header[] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0',
                                                          0, 0, 0, 0, 0, 0, 0, 0};
                        buffer.append(header, sizeof header);
                        for (const auto& [name, value, flag] : rows) {
                            buffer.append("\0\3", 2);  // three fields
                            put32(static_cast<std::uint32_t>(name.size()));
                            buffer += name;
                            put32(8);
                            const std::uint64_t value_be = be64(value);
                            buffer.append(reinterpret_cast<const char*>(&value_be), 8);
                            put32(1);
                            buffer += flag ? '\1' : '\0';
                            if (buffer.size() > (1 << 20)) {
                                PQputCopyData(raw.conn, buffer.data(), static_cast<int>(buffer.size()));
                                buffer.clear();
                            }
                        }
                        buffer.append("\377\377", 2);  // trailer
                        PQputCopyData(raw.conn, buffer.data(), static_cast<int>(buffer.size()));
                        PQputCopyEnd(raw.conn, nullptr);
                        while (PGresult* done = PQgetResult(raw.conn)) PQclear(done);
                        return 0.0;
                    },
                    count_rows);
    cs.emplace_back("raw libpq COPY text", "raw", [&] { reset_table(admin); },
                    [&] {
                        PGresult* r = PQexec(raw.conn, "COPY bench (name, value, flag) FROM STDIN");
                        PQclear(r);
                        std::string buffer;
                        buffer.reserve(1 << 20);
                        char number[64];
                        for (const auto& [name, value, flag] : rows) {
                            buffer += name;
                            buffer += '\t';
                            const int len = std::snprintf(number, sizeof number, "%.17g", value);
                            buffer.append(number, static_cast<std::size_t>(len));
                            buffer += flag ? "\tt\n" : "\tf\n";
                            if (buffer.size() > (1 << 20)) {
                                PQputCopyData(raw.conn, buffer.data(), static_cast<int>(buffer.size()));
                                buffer.clear();
                            }
                        }
                        PQputCopyData(raw.conn, buffer.data(), static_cast<int>(buffer.size()));
                        PQputCopyEnd(raw.conn, nullptr);
                        while (PGresult* done = PQgetResult(raw.conn)) PQclear(done);
                        return 0.0;
                    },
                    count_rows);
    if (n <= 100'000) {
        raw.prepare("p1_insert", raw_insert, 3, insert_types);
        // benchmarks.md names no transaction for P1's per-row baseline: each INSERT commits on its own.
        cs.emplace_back("raw libpq INSERT per row (autocommit)", "raw", [&] { reset_table(admin); },
                        [&] {
                            raw_insert_params p;
                            for (const auto& r : rows) {
                                p.set(r);
                                PQclear(PQexecPrepared(raw.conn, "p1_insert", 3, p.values, p.lengths, p.formats, 1));
                            }
                            return 0.0;
                        },
                        count_rows);
        cs.emplace_back("raw libpq INSERT per row (one transaction)", "raw", [&] { reset_table(admin); },
                        [&] {
                            raw.exec("BEGIN");
                            raw_insert_params p;
                            for (const auto& r : rows) {
                                p.set(r);
                                PQclear(PQexecPrepared(raw.conn, "p1_insert", 3, p.values, p.lengths, p.formats, 1));
                            }
                            raw.exec("COMMIT");
                            return 0.0;
                        },
                        count_rows);
    }
#if CTQL_BENCH_HAVE_PQXX
    pqxx::connection px{conninfo()};
    cs.emplace_back("libpqxx stream_to", "peer", [&] { reset_table(admin); },
                    [&] {
                        pqxx::work tx{px};
                        pqxx::stream_to stream{tx, "bench", std::vector<std::string>{"name", "value", "flag"}};
                        for (const auto& r : rows) stream << r;
                        stream.complete();
                        tx.commit();
                        return 0.0;
                    },
                    count_rows);
#endif
    // benchmarks.md: the hand-written binary COPY is the limit (≤ 1.02); COPY text is shown beside it.
    std::vector<harness::target> targets{{"raw libpq COPY binary", 1.02}, {"raw libpq COPY text", 1.0}};
    if (n <= 100'000) {
        targets.push_back({"raw libpq INSERT per row (autocommit)", 0.1});
        targets.push_back({"raw libpq INSERT per row (one transaction)", 0.1});
    }
    s.measure("P1", "insert rows: bulk path", n, n, std::move(cs), std::move(targets));
}

// One transaction of single-row INSERTs in libpq's pipeline mode, `send`
// queueing each; results are read while sending so that neither side blocks.
template <class Send>
double raw_pipeline_insert(raw_connection& raw, const row_data& rows, Send send) {
    raw.exec("BEGIN");
    PQenterPipelineMode(raw.conn);
    PQsetnonblocking(raw.conn, 1);
    raw_insert_params p;
    std::int64_t pending = 0;
    const auto drain = [&](bool all) {
        PQconsumeInput(raw.conn);
        while (pending > 0 && (all || !PQisBusy(raw.conn))) {
            PGresult* r = PQgetResult(raw.conn);
            if (r == nullptr) continue;
            if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) pending = 0;
            else if (PQresultStatus(r) == PGRES_COMMAND_OK) --pending;
            PQclear(r);
        }
    };
    for (const auto& r : rows) {
        p.set(r);
        send(p);
        ++pending;
        while (PQflush(raw.conn) == 1) drain(false);
        drain(false);
    }
    PQpipelineSync(raw.conn);
    pending = pending + 1;
    while (PQflush(raw.conn) == 1) {
    }
    while (pending > 0) {
        PGresult* r = PQgetResult(raw.conn);
        if (r == nullptr) continue;
        if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) pending = 0;
        PQclear(r);
    }
    PQsetnonblocking(raw.conn, 0);
    PQexitPipelineMode(raw.conn);
    raw.exec("COMMIT");
    return 0.0;
}

// One transaction of single-row INSERTs in ctql's pipeline mode.
double ctql_pipeline_insert(ctql::postgres::connection& db, const row_data& rows) {
    db.execute(ctql::verbatim{"BEGIN"});
    {
        auto batch = db.pipeline();
        for (const auto& [name, value, flag] : rows)
            batch(insert_one, arg<"name">(name), arg<"value">(value), arg<"flag">(flag));
        batch.sync();
    }
    db.execute(ctql::verbatim{"COMMIT"});
    return 0.0;
}

double bench_rows(raw_connection& admin) {
    PGresult* r = PQexec(admin.conn, "SELECT count(*) FROM bench");
    const double c = std::atof(PQgetvalue(r, 0, 0));
    PQclear(r);
    return c;
}

// --- P2 -----------------------------------------------------------------------------------
void p2(harness::session& s, std::int64_t n, const row_data& rows, raw_connection& admin) {
    ctql::postgres::connection db{conninfo()};
    raw_connection raw;
    raw.prepare("p2_insert", raw_insert, 3, insert_types);
    const auto count_rows = [&] { return bench_rows(admin); };
    std::vector<harness::contender> cs;
    cs.emplace_back("ctql pipeline", "ctql", [&] { reset_table(admin); }, [&] { return ctql_pipeline_insert(db, rows); },
                    count_rows);
    cs.emplace_back("raw libpq pipeline", "raw", [&] { reset_table(admin); },
                    [&] {
                        return raw_pipeline_insert(raw, rows, [&](const raw_insert_params& p) {
                            PQsendQueryPrepared(raw.conn, "p2_insert", 3, p.values, p.lengths, p.formats, 1);
                        });
                    },
                    count_rows);
    cs.emplace_back("raw libpq PQexecPrepared per row", "raw", [&] { reset_table(admin); },
                    [&] {
                        raw.exec("BEGIN");
                        raw_insert_params p;
                        for (const auto& r : rows) {
                            p.set(r);
                            PQclear(PQexecPrepared(raw.conn, "p2_insert", 3, p.values, p.lengths, p.formats, 1));
                        }
                        raw.exec("COMMIT");
                        return 0.0;
                    },
                    count_rows);
    s.measure("P2", "one INSERT per row, one transaction", n, n, std::move(cs), {{"raw libpq pipeline", 1.05}});
}

// --- P3 -----------------------------------------------------------------------------------
void p3(harness::session& s, std::int64_t n) {
    ctql::postgres::connection db{conninfo()};
    raw_connection raw;
    std::vector<harness::contender> cs;
    std::vector<bench_record> out;
    const auto sum_of = [&] {
        double sum = 0;
        for (const auto& r : out) sum += checksum(r.name, r.value, r.flag) + static_cast<double>(r.id);
        return sum;
    };
    const auto clear = [&] {
        out.clear();
        out.shrink_to_fit();
    };
    cs.emplace_back("ctql stream (single-row)", "ctql", clear,
                    [&] {
                        for (auto& [id, name, value, flag] : db.stream(select_all))
                            out.push_back({id, std::move(name), value, flag});
                        return 0.0;
                    },
                    sum_of);
    cs.emplace_back("ctql result (whole, binary)", "ctql", clear,
                    [&] {
                        const auto rows = db(select_all);
                        out.reserve(rows.size());
                        for (auto&& [id, name, value, flag] : rows) out.push_back({id, std::move(name), value, flag});
                        return 0.0;
                    },
                    sum_of);
    cs.emplace_back("raw libpq single-row", "raw", clear,
                    [&] {
                        PQsendQueryParams(raw.conn, raw_select_all, 0, nullptr, nullptr, nullptr, nullptr, 1);
                        PQsetSingleRowMode(raw.conn);
                        while (PGresult* r = PQgetResult(raw.conn)) {
                            if (PQresultStatus(r) == PGRES_SINGLE_TUPLE)
                                out.push_back({from_be64_int(PQgetvalue(r, 0, 0)),
                                               std::string(PQgetvalue(r, 0, 1), static_cast<std::size_t>(PQgetlength(r, 0, 1))),
                                               from_be64_double(PQgetvalue(r, 0, 2)), *PQgetvalue(r, 0, 3) != 0});
                            PQclear(r);
                        }
                        return 0.0;
                    },
                    sum_of);
    cs.emplace_back("raw libpq binary PQexecParams", "raw", clear,
                    [&] {
                        PGresult* r = PQexecParams(raw.conn, raw_select_all, 0, nullptr, nullptr, nullptr, nullptr, 1);
                        const int rows = PQntuples(r);
                        out.reserve(static_cast<std::size_t>(rows));
                        for (int i = 0; i < rows; ++i)
                            out.push_back({from_be64_int(PQgetvalue(r, i, 0)),
                                           std::string(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1))),
                                           from_be64_double(PQgetvalue(r, i, 2)), *PQgetvalue(r, i, 3) != 0});
                        PQclear(r);
                        return 0.0;
                    },
                    sum_of);
    cs.emplace_back("raw libpq text PQexec", "raw", clear,
                    [&] {
                        PGresult* r = PQexec(raw.conn, raw_select_all);
                        const int rows = PQntuples(r);
                        out.reserve(static_cast<std::size_t>(rows));
                        for (int i = 0; i < rows; ++i)
                            out.push_back({std::strtoll(PQgetvalue(r, i, 0), nullptr, 10),
                                           std::string(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1))),
                                           std::strtod(PQgetvalue(r, i, 2), nullptr), *PQgetvalue(r, i, 3) == 't'});
                        PQclear(r);
                        return 0.0;
                    },
                    sum_of);
#if CTQL_BENCH_HAVE_PQXX
    pqxx::connection px{conninfo()};
    cs.emplace_back("libpqxx exec (text)", "peer", clear,
                    [&] {
                        pqxx::work tx{px};
                        const pqxx::result result = tx.exec(raw_select_all);
                        out.reserve(result.size());
                        for (const auto& row : result)
                            out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<double>(),
                                           row[3].as<bool>()});
                        tx.commit();
                        return 0.0;
                    },
                    sum_of);
#endif
    s.measure("P3", "select all rows into structs", n, n, std::move(cs),
              {{"raw libpq single-row", 1.05}, {"raw libpq binary PQexecParams", 1.05}});
}

// --- P4 -----------------------------------------------------------------------------------
void p4(harness::session& s, std::int64_t n, std::int64_t lookups) {
    ctql::postgres::connection db{conninfo()};
    raw_connection raw;
    const Oid id_type = 20;
    raw.prepare("p4_lookup", raw_lookup, 1, &id_type);
    const auto key = [&](std::int64_t i) { return (i * 7919) % n + 1; };
    std::vector<harness::contender> cs;
    cs.emplace_back("ctql prepared lookup", "ctql", nullptr, [&] {
        double sum = 0;
        for (std::int64_t i = 0; i < lookups; ++i) {
            const auto [name, value] = db(lookup, arg<"id">(key(i))).front();
            sum += static_cast<double>(name.size()) + value;
        }
        return sum;
    });
    cs.emplace_back("raw libpq PQexecPrepared", "raw", nullptr, [&] {
        double sum = 0;
        for (std::int64_t i = 0; i < lookups; ++i) {
            const std::uint64_t id_be = __builtin_bswap64(static_cast<std::uint64_t>(key(i)));
            const char* values[1] = {reinterpret_cast<const char*>(&id_be)};
            const int lengths[1] = {8};
            const int formats[1] = {1};
            PGresult* r = PQexecPrepared(raw.conn, "p4_lookup", 1, values, lengths, formats, 1);
            const std::string name(PQgetvalue(r, 0, 0), static_cast<std::size_t>(PQgetlength(r, 0, 0)));
            sum += static_cast<double>(name.size()) + from_be64_double(PQgetvalue(r, 0, 1));
            PQclear(r);
        }
        return sum;
    });
    s.measure("P4", "point lookups by primary key, prepared", n, lookups, std::move(cs), {{"raw libpq PQexecPrepared", 1.05}});
}

// --- P2B, P4B: behind pgbouncer in transaction mode ---------------------------------------
// Through the pooler, ctql sends each statement unnamed (parse, bind, execute in one
// round trip) as raw libpq's PQexecParams / PQsendQueryParams do.
constexpr ctql::postgres::options behind_pooler{.pooler = ctql::postgres::pooler_mode::transaction};

void p2b(harness::session& s, std::int64_t n, const row_data& rows, raw_connection& admin) {
    ctql::postgres::connection direct{conninfo()};
    ctql::postgres::connection pooled{pooler_conninfo(), behind_pooler};
    ctql::postgres::connection unnamed_direct{conninfo(), behind_pooler};
    raw_connection raw{pooler_conninfo()};
    const auto count_rows = [&] { return bench_rows(admin); };
    std::vector<harness::contender> cs;
    cs.emplace_back("ctql pipeline via pgbouncer", "ctql", [&] { reset_table(admin); }, [&] { return ctql_pipeline_insert(pooled, rows); },
                    count_rows);
    cs.emplace_back("ctql pipeline, direct", "peer", [&] { reset_table(admin); }, [&] { return ctql_pipeline_insert(direct, rows); },
                    count_rows);
    cs.emplace_back("ctql unnamed pipeline (pooler=transaction), direct", "peer", [&] { reset_table(admin); },
                    [&] { return ctql_pipeline_insert(unnamed_direct, rows); }, count_rows);
    cs.emplace_back("raw libpq pipeline via pgbouncer", "raw", [&] { reset_table(admin); },
                    [&] {
                        return raw_pipeline_insert(raw, rows, [&](const raw_insert_params& p) {
                            PQsendQueryParams(raw.conn, raw_insert, 3, insert_types, p.values, p.lengths, p.formats, 1);
                        });
                    },
                    count_rows);
    s.measure("P2B", "P2 through pgbouncer (transaction mode)", n, n, std::move(cs),
              {{"raw libpq pipeline via pgbouncer", 1.05}});
}

void p4b(harness::session& s, std::int64_t n, std::int64_t lookups) {
    ctql::postgres::connection direct{conninfo()};
    ctql::postgres::connection pooled{pooler_conninfo(), behind_pooler};
    ctql::postgres::connection unnamed_direct{conninfo(), behind_pooler};
    raw_connection raw{pooler_conninfo()};
    const auto key = [&](std::int64_t i) { return (i * 7919) % n + 1; };
    const auto ctql_lookups = [&](ctql::postgres::connection& db) {
        double sum = 0;
        for (std::int64_t i = 0; i < lookups; ++i) {
            const auto [name, value] = db(lookup, arg<"id">(key(i))).front();
            sum += static_cast<double>(name.size()) + value;
        }
        return sum;
    };
    std::vector<harness::contender> cs;
    cs.emplace_back("ctql lookup via pgbouncer", "ctql", nullptr, [&] { return ctql_lookups(pooled); });
    cs.emplace_back("ctql prepared lookup, direct", "peer", nullptr, [&] { return ctql_lookups(direct); });
    // What the unnamed statements cost without the pooler's hop.
    cs.emplace_back("ctql unnamed lookup (pooler=transaction), direct", "peer", nullptr,
                    [&] { return ctql_lookups(unnamed_direct); });
    cs.emplace_back("raw libpq PQexecParams via pgbouncer", "raw", nullptr, [&] {
        double sum = 0;
        const Oid id_type = 20;
        for (std::int64_t i = 0; i < lookups; ++i) {
            const std::uint64_t id_be = __builtin_bswap64(static_cast<std::uint64_t>(key(i)));
            const char* values[1] = {reinterpret_cast<const char*>(&id_be)};
            const int lengths[1] = {8};
            const int formats[1] = {1};
            PGresult* r = PQexecParams(raw.conn, raw_lookup, 1, &id_type, values, lengths, formats, 1);
            const std::string name(PQgetvalue(r, 0, 0), static_cast<std::size_t>(PQgetlength(r, 0, 0)));
            sum += static_cast<double>(name.size()) + from_be64_double(PQgetvalue(r, 0, 1));
            PQclear(r);
        }
        return sum;
    });
    s.measure("P4B", "P4 through pgbouncer (transaction mode)", n, lookups, std::move(cs),
              {{"raw libpq PQexecParams via pgbouncer", 1.05}});
}

// Streams n rows and reports how much the process's peak memory grew while doing it.
void stream_memory(harness::session& s, std::int64_t n, raw_connection& admin) {
    admin.exec("TRUNCATE bench RESTART IDENTITY");
    const std::string fill = "INSERT INTO bench(name, value, flag) SELECT 'name' || i, i * 0.5, i % 2 = 1 FROM generate_series(1, " +
                             std::to_string(n) + ") AS i";
    admin.exec(fill.c_str());
    ctql::postgres::connection db{conninfo()};
    const long before = peak_rss_kib();
    std::int64_t rows = 0;
    double sum = 0;
    for (const auto& [id, name, value, flag] : db.stream(select_all)) {
        ++rows;
        sum += value + static_cast<double>(id + static_cast<std::int64_t>(name.size()) + flag);
    }
    harness::keep(sum);
    const long after = peak_rss_kib();
    s.info("p3_stream_rows", std::to_string(rows));
    s.info("p3_stream_peak_rss_growth_kib", std::to_string(after - before));
    s.info("p3_stream_peak_rss_kib", std::to_string(after));
    std::fprintf(stderr, "streamed %lld rows: peak RSS %ld KiB (grew by %ld KiB)\n", static_cast<long long>(rows), after,
                 after - before);
}

}  // namespace

int main(int argc, char** argv) {
    return harness::main("postgres_bench", argc, argv, [](harness::session& s) {
        const auto& o = s.opts();
        s.info("libpq_version", std::to_string(PQlibVersion()));
        s.info("compiler", __VERSION__);
#if CTQL_BENCH_HAVE_PQXX
        s.info("peer", std::string("libpqxx ") + PQXX_VERSION);
#endif
        raw_connection admin;
        s.info("server_version", std::to_string(PQserverVersion(admin.conn)));
        admin.exec("DROP TABLE IF EXISTS bench");
        admin.exec(std::string(ctql::create_table(bench).sql<ctql::dialect::postgres>()).c_str());
        // First, while the process is small: the peak RSS it reports is the loader's alone.
        if (o.wants("P1M")) {
            copy_memory(s, "p1m", o.small ? std::vector<std::int64_t>{10'000, 100'000} : std::vector<std::int64_t>{1'000'000, 10'000'000},
                        [&](std::int64_t) {
                            admin.exec("TRUNCATE bench RESTART IDENTITY");
                            return ctql::postgres::connection{conninfo()};
                        });
            admin.exec("TRUNCATE bench RESTART IDENTITY");
        }
        const auto sizes = o.sizes({10'000, 100'000, 1'000'000}, {1'000});
        for (const std::int64_t n : sizes) {
            const row_data rows = make_rows(n);
            if (o.wants("P1")) p1(s, n, rows, admin);
            if (o.wants("P3")) {
                admin.exec("TRUNCATE bench RESTART IDENTITY");
                ctql::postgres::connection loader{conninfo()};
                loader(insert_rows, rows);
                admin.exec("VACUUM ANALYZE bench");
                p3(s, n);
            }
        }
        const std::int64_t p2_rows = o.small ? 1'000 : 100'000;
        if (o.wants("P2")) p2(s, p2_rows, make_rows(p2_rows), admin);
        const bool have_pooler = !pooler_conninfo().empty();
        if (!have_pooler && (o.wants("P2B") || o.wants("P4B")))
            std::fprintf(stderr, "P2B and P4B left out: CTQL_TEST_PGBOUNCER_CONNINFO is not set "
                                 "(scripts/with-postgres.sh --pgbouncer sets it)\n");
        if (have_pooler && o.wants("P2B")) p2b(s, p2_rows, make_rows(p2_rows), admin);
        const std::int64_t n = sizes.back();
        if (o.wants("P4")) {
            admin.exec("TRUNCATE bench RESTART IDENTITY");
            ctql::postgres::connection loader{conninfo()};
            loader(insert_rows, make_rows(n));
            admin.exec("VACUUM ANALYZE bench");
            p4(s, n, o.small ? 1'000 : 100'000);
        }
        if (have_pooler && o.wants("P4B")) {
            admin.exec("TRUNCATE bench RESTART IDENTITY");
            ctql::postgres::connection loader{conninfo()};
            loader(insert_rows, make_rows(n));
            admin.exec("VACUUM ANALYZE bench");
            p4b(s, n, o.small ? 1'000 : 100'000);
        }
        if (o.wants("P3")) stream_memory(s, o.small ? 10'000 : 10'000'000, admin);
        admin.exec("DROP TABLE IF EXISTS bench");
    });
}
