#!/usr/bin/env python3
"""Checks conanfile.py without Conan (which is not installed, and is not to be).

    check_conanfile.py --source-dir <ctql> --install-prefix <what `cmake --install` made> --version <project's>

- The recipe parses (ast), and is a Conan 2 header-only recipe: `from conan import
  ConanFile`, package_type "header-library", package_id() that clears the settings
  and options, license MIT, options with_sqlite / with_postgres.
- Run against a stand-in of the few Conan 2 functions it calls (`copy`, `load`,
  `basic_layout`, `check_min_cppstd`), with the semantics Conan documents:
  set_version() gives the project's version; package() puts into the package
  folder exactly include/ as `cmake --install` installs it, and licenses/LICENSE;
  package_info() declares for each combination of options the same CMake file
  name and targets as ctql's own package (ctql::ctql, ctql::sqlite, ctql::postgres,
  ctql::engine when both), each requiring what the CMake targets link.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import fnmatch
import os
import shutil
import sys
import tempfile
import types
from pathlib import Path


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check_syntax(recipe: Path) -> None:
    tree = ast.parse(recipe.read_text(encoding="utf-8"), filename=str(recipe))
    imports = {(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               for alias in node.names}
    if ("conan", "ConanFile") not in imports:
        fail("conanfile.py must import ConanFile from `conan` (Conan 2), not from `conans`")
    if any(module == "conans" for module, _ in imports):
        fail("conanfile.py imports from `conans` (Conan 1)")
    print("ok: conanfile.py parses, and imports the Conan 2 API")


class Options(types.SimpleNamespace):
    def get_safe(self, name, default=None):
        return getattr(self, name, default)


class Settings(types.SimpleNamespace):
    def get_safe(self, name, default=None):
        return getattr(self, name, default)


class Component:
    def __init__(self) -> None:
        self.properties: dict[str, object] = {}
        self.requires: list[str] = []
        self.system_libs: list[str] = []
        self.bindirs = ["bin"]
        self.libdirs = ["lib"]
        self.includedirs = ["include"]

    def set_property(self, name: str, value: object) -> None:
        self.properties[name] = value


class Components(dict):
    """cpp_info.components: a component springs into being when first named."""

    def __missing__(self, name: str) -> Component:
        component = self[name] = Component()
        return component


class CppInfo(Component):
    def __init__(self) -> None:
        super().__init__()
        self.components = Components()


class Info:
    def __init__(self) -> None:
        self.cleared = False

    def clear(self) -> None:
        self.cleared = True


def install_conan_stand_in() -> dict[str, list]:
    """Registers modules named like Conan 2's, with the functions the recipe uses."""
    calls: dict[str, list] = {"check_min_cppstd": [], "basic_layout": []}

    class ConanFile:
        pass

    class ConanInvalidConfiguration(Exception):
        pass

    def copy(conanfile, pattern, src, dst, keep_path=True, excludes=None, ignore_case=True):
        # Conan 2: every file below src whose path relative to src matches pattern
        # (fnmatch, so * crosses /), copied to dst keeping that relative path.
        copied = []
        for root, _, files in os.walk(src):
            for name in files:
                relative = os.path.relpath(os.path.join(root, name), src)
                match = fnmatch.fnmatch if ignore_case else fnmatch.fnmatchcase
                if not match(relative, pattern):
                    continue
                if excludes and any(fnmatch.fnmatch(relative, e) for e in excludes):
                    continue
                target = os.path.join(dst, relative if keep_path else name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(os.path.join(root, name), target)
                copied.append(target)
        return copied

    def load(conanfile, path, encoding="utf-8"):
        with open(path, encoding=encoding) as f:
            return f.read()

    def check_min_cppstd(conanfile, cppstd, gnu_extensions=False):
        calls["check_min_cppstd"].append(int(cppstd))

    def basic_layout(conanfile, src_folder="."):
        calls["basic_layout"].append(src_folder)

    modules = {
        "conan": types.ModuleType("conan"),
        "conan.errors": types.ModuleType("conan.errors"),
        "conan.tools": types.ModuleType("conan.tools"),
        "conan.tools.build": types.ModuleType("conan.tools.build"),
        "conan.tools.files": types.ModuleType("conan.tools.files"),
        "conan.tools.layout": types.ModuleType("conan.tools.layout"),
    }
    modules["conan"].ConanFile = ConanFile
    modules["conan.errors"].ConanInvalidConfiguration = ConanInvalidConfiguration
    modules["conan.tools.build"].check_min_cppstd = check_min_cppstd
    modules["conan.tools.files"].copy = copy
    modules["conan.tools.files"].load = load
    modules["conan.tools.layout"].basic_layout = basic_layout
    sys.modules.update(modules)
    calls["ConanInvalidConfiguration"] = ConanInvalidConfiguration
    return calls


def load_recipe(recipe: Path):
    namespace: dict[str, object] = {"__name__": "conanfile", "__file__": str(recipe)}
    exec(compile(recipe.read_text(encoding="utf-8"), str(recipe), "exec"), namespace)
    classes = [value for value in namespace.values()
               if isinstance(value, type) and value.__name__ != "ConanFile"
               and any(base.__name__ == "ConanFile" for base in value.__mro__[1:])]
    if len(classes) != 1:
        fail(f"conanfile.py should define one ConanFile class, found {len(classes)}")
    return classes[0]


def instance(recipe_class, source_dir: Path, options: dict[str, bool], os_name: str = "Linux"):
    conanfile = recipe_class()
    conanfile.recipe_folder = str(source_dir)
    conanfile.source_folder = str(source_dir)
    conanfile.options = Options(**options)
    conanfile.settings = Settings(os=os_name, compiler="gcc", build_type="Release", arch="x86_64")
    conanfile.cpp_info = CppInfo()
    conanfile.info = Info()
    conanfile.ref = f"{recipe_class.name}/test"
    conanfile.requirements_made = []
    conanfile.requires = lambda reference, **_: conanfile.requirements_made.append(reference)
    return conanfile


def expected_components(with_sqlite: bool, with_postgres: bool) -> dict[str, tuple[str, set[str]]]:
    """Component -> (CMake target, what it requires), as ctql's CMakeLists.txt links them."""
    expected = {"core": ("ctql::ctql", {"boost::headers", "fmt::fmt"})}
    if with_sqlite:
        expected["sqlite"] = ("ctql::sqlite", {"core", "sqlite3::sqlite3"})
    if with_postgres:
        expected["postgres"] = ("ctql::postgres", {"core", "libpq::pq"})
    if with_sqlite and with_postgres:
        expected["engine"] = ("ctql::engine", {"sqlite", "postgres"})
    return expected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True, type=Path)
    parser.add_argument("--install-prefix", required=True, type=Path)
    parser.add_argument("--version", required=True)
    args = parser.parse_args()
    source_dir = args.source_dir.resolve()
    recipe = source_dir / "conanfile.py"

    check_syntax(recipe)
    calls = install_conan_stand_in()
    recipe_class = load_recipe(recipe)

    for attribute, expected in (("name", "ctql"), ("license", "MIT"), ("package_type", "header-library"),
                                ("no_copy_source", True)):
        if getattr(recipe_class, attribute, None) != expected:
            fail(f"conanfile.py: {attribute} is {getattr(recipe_class, attribute, None)!r}, expected {expected!r}")
    if set(recipe_class.options) != {"with_sqlite", "with_postgres"}:
        fail(f"conanfile.py: options {sorted(recipe_class.options)}, expected with_sqlite and with_postgres")
    if "header-only" not in recipe_class.topics:
        fail("conanfile.py: topics should include header-only")
    print("ok: a header-only Conan 2 recipe, license MIT, options with_sqlite and with_postgres")

    defaults = {name: bool(value) for name, value in recipe_class.default_options.items()}
    conanfile = instance(recipe_class, source_dir, defaults)
    conanfile.set_version()
    if conanfile.version != args.version:
        fail(f"conanfile.py set_version() gives {conanfile.version}, the project is {args.version}")
    print(f"ok: set_version() gives the project's version {args.version}")

    conanfile.package_id()
    if not conanfile.info.cleared:
        fail("conanfile.py: package_id() must clear the info: one package for every configuration")
    conanfile.validate()
    if calls["check_min_cppstd"] != [20]:
        fail(f"conanfile.py: validate() checks C++ {calls['check_min_cppstd']}, expected [20]")
    try:
        instance(recipe_class, source_dir, {"with_sqlite": True, "with_postgres": True}, os_name="Windows").validate()
        fail("conanfile.py: validate() accepts with_postgres on Windows, where <poll.h> is missing")
    except calls["ConanInvalidConfiguration"]:
        pass
    print("ok: package_id() clears the info; validate() requires C++20 and a POSIX system for with_postgres")

    # package(): the same headers as the CMake install, and the license.
    with tempfile.TemporaryDirectory(prefix="ctql-conan-package-") as package_folder:
        conanfile.package_folder = package_folder
        conanfile.package()
        package = Path(package_folder)
        top = sorted(p.name for p in package.iterdir())
        if top != ["include", "licenses"]:
            fail(f"the Conan package holds {top}, expected include/ and licenses/")
        if sorted(p.name for p in (package / "licenses").iterdir()) != ["LICENSE"]:
            fail("the Conan package's licenses/ should hold LICENSE only")
        if not filecmp.cmp(source_dir / "LICENSE", package / "licenses" / "LICENSE", shallow=False):
            fail("licenses/LICENSE is not the project's LICENSE")
        installed = args.install_prefix / "include"
        conan_files = sorted(p.relative_to(package / "include").as_posix()
                             for p in (package / "include").rglob("*") if p.is_file())
        cmake_files = sorted(p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file())
        if conan_files != cmake_files:
            missing = sorted(set(cmake_files) - set(conan_files))
            extra = sorted(set(conan_files) - set(cmake_files))
            fail(f"the Conan package's include/ differs from `cmake --install`'s: missing {missing}, extra {extra}")
        for relative in conan_files:
            if not filecmp.cmp(package / "include" / relative, installed / relative, shallow=False):
                fail(f"include/{relative} differs between the Conan package and `cmake --install`")
        print(f"ok: package() lays out include/ ({len(conan_files)} headers, as `cmake --install` does) "
              "and licenses/LICENSE")

    # package_info() and requirements() for every combination of options.
    for with_sqlite in (False, True):
        for with_postgres in (False, True):
            options = {"with_sqlite": with_sqlite, "with_postgres": with_postgres}
            conanfile = instance(recipe_class, source_dir, options)
            conanfile.requirements()
            conanfile.package_info()
            if conanfile.cpp_info.properties.get("cmake_file_name") != "ctql":
                fail(f"{options}: cmake_file_name should be ctql, as find_package(ctql) expects")
            expected = expected_components(with_sqlite, with_postgres)
            actual = {name: (component.properties.get("cmake_target_name"), set(component.requires))
                      for name, component in conanfile.cpp_info.components.items()}
            if actual != expected:
                fail(f"{options}: package_info() declares {actual}, expected {expected}")
            for name, component in conanfile.cpp_info.components.items():
                if component.libdirs or component.bindirs:
                    fail(f"{options}: component {name} should have no libdirs or bindirs (header-only)")
            required = {reference.split("/")[0] for reference in conanfile.requirements_made}
            wanted = {"boost", "fmt"} | ({"sqlite3"} if with_sqlite else set()) | ({"libpq"} if with_postgres else set())
            if required != wanted:
                fail(f"{options}: requirements() requires {sorted(required)}, expected {sorted(wanted)}")
            print(f"ok: with_sqlite={with_sqlite} with_postgres={with_postgres}: "
                  f"targets {sorted(target for target, _ in expected.values())}, requires {sorted(required)}")

    print("PASS: conanfile.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
