import os
import re

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class CtqlConan(ConanFile):
    name = "ctql"
    description = ("Typed SQL for C++20, rendered at compile time: "
                   "a header-only library with SQLite and PostgreSQL backends")
    license = "MIT"
    topics = ("sql", "sqlite", "postgresql", "database", "compile-time", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "with_sqlite": [True, False],
        "with_postgres": [True, False],
    }
    default_options = {
        "with_sqlite": True,
        "with_postgres": False,
    }
    exports_sources = "include/*", "LICENSE"
    no_copy_source = True

    def set_version(self):
        # One version for the whole project: the one in CMake's project().
        cmakelists = load(self, os.path.join(self.recipe_folder, "CMakeLists.txt"))
        self.version = re.search(r"project\(\s*ctql\s+VERSION\s+([0-9.]+)", cmakelists).group(1)

    def layout(self):
        basic_layout(self, src_folder=".")

    def requirements(self):
        # The headers include these libraries' headers, so every requirement is transitive.
        # ctql is tested with Debian 12's: Boost 1.74, fmt 9.1, SQLite 3.40, libpq 15.
        self.requires("boost/[>=1.74 <2]")             # Boost.Hana only (boost/*:header_only=True suffices)
        self.requires("fmt/[>=9.1 <10]")
        if self.options.with_sqlite:
            self.requires("sqlite3/[>=3.38 <4]")       # JSON functions built in (IN with a run-time list)
        if self.options.with_postgres:
            self.requires("libpq/[>=14 <18]")          # pipeline mode

    def package_id(self):
        # The same headers whatever the settings and options.
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 20)
        if self.options.with_postgres and self.settings.os == "Windows":
            # The PostgreSQL backend waits on libpq's socket with poll() from <poll.h>.
            raise ConanInvalidConfiguration(f"{self.ref}: with_postgres needs a POSIX system")

    def build(self):
        pass

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))

    def package_info(self):
        # The same names as ctql's own CMake package: find_package(ctql COMPONENTS ...).
        self.cpp_info.set_property("cmake_file_name", "ctql")

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "ctql::ctql")
        core.requires = ["boost::headers", "fmt::fmt"]
        core.bindirs = []
        core.libdirs = []

        if self.options.with_sqlite:
            sqlite = self.cpp_info.components["sqlite"]
            sqlite.set_property("cmake_target_name", "ctql::sqlite")
            sqlite.requires = ["core", "sqlite3::sqlite3"]
            sqlite.bindirs = []
            sqlite.libdirs = []

        if self.options.with_postgres:
            postgres = self.cpp_info.components["postgres"]
            postgres.set_property("cmake_target_name", "ctql::postgres")
            postgres.requires = ["core", "libpq::pq"]
            postgres.bindirs = []
            postgres.libdirs = []

        if self.options.with_sqlite and self.options.with_postgres:
            engine = self.cpp_info.components["engine"]
            engine.set_property("cmake_target_name", "ctql::engine")
            engine.requires = ["sqlite", "postgres"]
            engine.bindirs = []
            engine.libdirs = []
            if self.settings.os in ("Linux", "FreeBSD"):
                engine.system_libs = ["pthread"]
