// SPDX-License-Identifier: MIT
#pragma once
// The version of ctql. The numbers repeat project(ctql VERSION ...) in CMakeLists.txt;
// the CTest test packaging_version fails when the two differ.

#define CTQL_VERSION_MAJOR 0
#define CTQL_VERSION_MINOR 1
#define CTQL_VERSION_PATCH 0

// The version as text, "MAJOR.MINOR.PATCH".
#define CTQL_VERSION "0.1.0"

// The version as one number for `#if`: MAJOR * 10000 + MINOR * 100 + PATCH (0.1.0 is 100).
#define CTQL_VERSION_NUMBER (CTQL_VERSION_MAJOR * 10000 + CTQL_VERSION_MINOR * 100 + CTQL_VERSION_PATCH)
