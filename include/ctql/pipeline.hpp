// SPDX-License-Identifier: MIT
#pragma once
// The pipeline toolkit: exactly-once bulk loads (copy_to_table) from ranges
// and delimited text, SQL templates checked against the schema, and results
// as columnar frames and CSV. It works with any connection (sqlite, postgres,
// or an engine's); include the backend or engine headers you use beside it.
#include <ctql/ctql.hpp>
#include <ctql/pipeline/copy_to_table.hpp>
#include <ctql/pipeline/sql_template.hpp>
#include <ctql/result/frame.hpp>
#include <ctql/result/frame_format.hpp>
#include <ctql/result/csv.hpp>
