"""The house by feature holds: which way the imports go between the parts.

Each product area of the CRM is a package of customers/; what two areas share lives
below them, in customers/core/ (the domain, with customers/models/) or in ui/.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
AREAS = ("grid", "record", "timeline", "deals", "trash", "history")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_every_area_is_a_package_with_its_own_urls_and_views():
    for area in AREAS:
        package = ROOT / "customers" / area
        assert (package / "urls.py").exists(), area
        assert (package / "views.py").exists() or (package / "views").is_dir(), area


@pytest.mark.parametrize("area", AREAS)
def test_no_area_imports_another_areas_views(area):
    others = [f"customers.{other}.views" for other in AREAS if other != area]
    for path in sources(f"customers/{area}"):
        reaching = {m for m in imported_modules(path) if m.startswith(tuple(others))}
        assert not reaching, f"{path.relative_to(ROOT)} imports {sorted(reaching)}"


@pytest.mark.parametrize("domain", ["customers/core", "customers/models"])
def test_the_domain_imports_neither_ui_nor_any_area(domain):
    above = tuple(f"customers.{part}" for part in (*AREAS, "tooling"))
    for path in sources(domain):
        reaching = {m for m in imported_modules(path) if m == "ui" or m.startswith(("ui.", *above))}
        assert not reaching, f"{path.relative_to(ROOT)} imports {sorted(reaching)}"


def test_ui_and_its_tests_never_import_the_crm():
    for path in sources("ui"):
        reaching = {m for m in imported_modules(path) if m.split(".")[0] == "customers"}
        assert not reaching, f"{path.relative_to(ROOT)} imports {sorted(reaching)}"
