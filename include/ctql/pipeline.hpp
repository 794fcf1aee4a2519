// SPDX-License-Identifier: MIT
#pragma once
// The pipeline toolkit, whole: exactly-once bulk loads (copy_to_table),
// SQL templates checked against the schema, results as columnar frames and
// CSV, migrations, and, over engines, the task history and several
// databases by name with their configuration. It includes the engine, so
// both backends; a program with one backend includes the parts it uses,
// which work with any connection: pipeline/copy_to_table.hpp,
// pipeline/sql_template.hpp, pipeline/migrations.hpp, result/frame.hpp,
// result/frame_format.hpp, result/csv.hpp.
#include <ctql/ctql.hpp>
#include <ctql/pipeline/binds.hpp>
#include <ctql/pipeline/copy_to_table.hpp>
#include <ctql/pipeline/database_config.hpp>
#include <ctql/pipeline/migrations.hpp>
#include <ctql/pipeline/sql_template.hpp>
#include <ctql/pipeline/task_history.hpp>
#include <ctql/result/frame.hpp>
#include <ctql/result/frame_format.hpp>
#include <ctql/result/csv.hpp>
