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
