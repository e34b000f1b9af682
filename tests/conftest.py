"""Shared fixtures: the repository's paths and small maps written on the fly."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MAP = ROOT / "arguments.toml"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str, path: str | None = None) -> str:
    """The tool's path; skip locally when it is missing, but fail in CI where it must exist."""
    found = path if path and Path(path).exists() else shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed; scripts/test.sh should have installed it")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write TOML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "map.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def helper_on(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """A big map's second reading process (``debate.toml_pieces``) on small texts: used from
    the first character on, this process parsing slowly (so the helper has pieces to take).
    Returns, as it fills, the tables taken from the helper."""
    import time

    import debate.toml_pieces as pieces

    monkeypatch.setattr(pieces, "HELPER_FROM", 1)
    real_parse = pieces._parse_one

    def slow_parse(text: str) -> dict | None:
        time.sleep(0.02)
        return real_parse(text)

    monkeypatch.setattr(pieces, "_parse_one", slow_parse)
    delivered: list[dict] = []
    real_load = pieces._HelperTables.load

    def load(self: pieces._HelperTables) -> dict:
        table = real_load(self)
        delivered.append(table)
        return table

    monkeypatch.setattr(pieces._HelperTables, "load", load)
    return delivered


@pytest.fixture
def helped(helper_on: list[dict], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict]:
    """:func:`helper_on`, made sure of: the helper runs at the usual priority (a copy of its
    script without its ``nice``, which a busy test machine could starve), and this process
    waits (up to 30 s) before its first piece until the helper has finished one."""
    import time

    import debate.toml_pieces as pieces

    script = tmp_path / "helper.py"
    script.write_text(pieces.HELPER_SCRIPT.read_text().replace("os.nice(19)", "pass"))
    assert "nice" not in script.read_text().split("def main", 1)[1].split("sys.path", 1)[0]
    monkeypatch.setattr(pieces, "HELPER_SCRIPT", script)
    real_leaves = pieces._Helper.leaves

    def leaves(self: pieces._Helper, index: int) -> bool:
        deadline = time.monotonic() + 30
        while not self._finished and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
            self._read()
        return real_leaves(self, index)

    monkeypatch.setattr(pieces._Helper, "leaves", leaves)
    return helper_on
