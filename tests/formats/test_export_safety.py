"""Export never writes over the map it reads, unless told to with --force; over its own
earlier output it writes like any compiler."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from debate.cli import main

from ..conftest import DEFAULT_MAP


@pytest.fixture
def own_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "map.toml"
    shutil.copy(DEFAULT_MAP, path)
    monkeypatch.chdir(tmp_path)
    return path


def test_export_refuses_to_overwrite_its_own_map(own_map: Path, capsys) -> None:
    (own_map.parent / "link.toml").symlink_to("map.toml")
    os.link(own_map, own_map.parent / "hard.toml")  # the same file under another name
    (own_map.parent / "sub").mkdir()
    spellings = [str(own_map), "map.toml", "./map.toml", "sub/../map.toml", "link.toml"]
    for output in [*spellings, "hard.toml"]:
        for source in (str(own_map), "link.toml"):
            assert main(["export", source, "-f", "markdown", "-o", output]) == 1
            err = capsys.readouterr().err
            assert err == (
                f"{output}: is the map being exported; use --force to replace it with the export\n"
            )
    assert own_map.read_bytes() == DEFAULT_MAP.read_bytes()
    assert os.path.samefile(own_map, "hard.toml")  # the hard link was not replaced either


def test_export_over_its_own_earlier_output_needs_no_flag(own_map: Path, capsys) -> None:
    assert main(["export", str(own_map), "-o", "map.md"]) == 0
    first = Path("map.md").read_bytes()
    assert main(["export", str(own_map), "-o", "map.md"]) == 0  # again: written over
    assert main(["export", str(own_map), "-f", "json", "-o", "map.md"]) == 0
    assert Path("map.md").read_bytes() != first and Path("map.md").read_bytes().startswith(b"{")
    capsys.readouterr()


def test_force_replaces_the_map_with_the_export(own_map: Path, capsys) -> None:
    assert main(["export", "map.toml", "-f", "markdown", "-o", "./map.toml", "--force", "-q"]) == 0
    assert own_map.read_text(encoding="utf-8").startswith("# Will Chinese AI models")
    assert capsys.readouterr().err == ""


def test_force_does_not_write_over_a_directory(own_map: Path, capsys) -> None:
    folder = own_map.parent / "out"
    folder.mkdir()
    assert main(["export", str(own_map), "-f", "json", "-o", "out", "--force"]) == 1
    assert capsys.readouterr().err == "out: is a directory; give a file name\n"
    assert folder.is_dir() and not any(folder.iterdir())
