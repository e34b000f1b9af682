"""Export never writes over the map it reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from debate.cli import main

from ..conftest import DEFAULT_MAP


def test_export_refuses_to_overwrite_its_own_map(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "map.toml"
    shutil.copy(DEFAULT_MAP, path)
    monkeypatch.chdir(tmp_path)
    for output in (str(path), "map.toml", "./map.toml"):
        assert main(["export", str(path), "-f", "markdown", "-o", output]) == 1
        assert "is the map being exported" in capsys.readouterr().err
    assert path.read_bytes() == DEFAULT_MAP.read_bytes()
    assert main(["export", str(path), "-o", "map.md"]) == 0
