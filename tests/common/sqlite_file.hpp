#pragma once
// A SQLite database file in the test's working directory, named after the
// test and its process, removed (with its journal and WAL files) before and after.
#include <cstdio>
#include <string>
#include <unistd.h>

namespace ctql_test {

struct sqlite_file {
    std::string path;
    explicit sqlite_file(const std::string& stem) : path(stem + "_" + std::to_string(::getpid()) + ".db") { remove(); }
    ~sqlite_file() { remove(); }
    sqlite_file(const sqlite_file&) = delete;
    sqlite_file& operator=(const sqlite_file&) = delete;
    void remove() const {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    }
    std::string url(const std::string& query = "") const { return "sqlite:///" + path + query; }
};

}  // namespace ctql_test
