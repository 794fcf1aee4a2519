// SPDX-License-Identifier: MIT
#pragma once
// Versioned schema migrations: the migration and its steps
// (migration.hpp), the migrator that applies and undoes them and records
// them (migrator.hpp), and drafts generated from the schema diff
// (migration_from_diff.hpp). See docs/migrations.md.
#include <ctql/pipeline/migration.hpp>
#include <ctql/pipeline/migration_from_diff.hpp>
#include <ctql/pipeline/migrator.hpp>
