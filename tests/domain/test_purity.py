"""The domain stays pure: standard library only, and no clock or randomness."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "redwood" / "domain"
MODULES = sorted(DOMAIN.glob("*.py"))
FORBIDDEN_STDLIB = {"random", "secrets", "time", "os", "io", "socket", "subprocess", "pathlib"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_module_imports_only_the_standard_library(path: Path) -> None:
    allowed = set(sys.stdlib_module_names) | {"redwood", "__future__"}
    assert imported_roots(path) <= allowed
    assert not imported_roots(path) & FORBIDDEN_STDLIB


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_module_never_reads_the_clock(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for call in ("datetime.now(", "date.today(", "datetime.utcnow(", "time.time("):
        assert call not in text, f"{path.name} reads the clock: {call}"
    assert "from redwood." not in text or all(
        line.startswith("from redwood.domain") or "from redwood." not in line
        for line in text.splitlines()
    )
