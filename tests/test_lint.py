"""`debate lint`: each weak spot is found, located and named by its rule; exit 1 when any."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.cli import main

SOURCE_TEXT = "The committee said: \u201cthe bridge is safe\u201d and\nthe budget is fine.\n"

MAP = """\
[sources.doc]
title = "Doc"
path = "doc.md"

[sources.unused]
title = "Never cited"

[sources.nopath]
title = "No path"

[claims.root]
text = "Root"
weight = 2
stance = "pro"
cite = { source = "doc", quote = "the bridge is safe" }

[claims.a]
parent = "root"
stance = "pro"
text = "A"
links = ["a", "root", "b", "b"]
cite = { source = "doc", quote = "the budget is   fine" }

[claims.b]
parent = "root"
stance = "con"
text = "B"
cite = [{ source = "doc", quote = "the bridge is unsafe" }, { source = "nopath", quote = "q" }]

[claims.c]
parent = "root"
stance = "con"
text = "No source"
"""


def test_lint_finds_each_weak_spot(tmp_path: Path, capsys) -> None:
    (tmp_path / "doc.md").write_text(SOURCE_TEXT)
    path = tmp_path / "m.toml"
    path.write_text(MAP)
    assert main(["lint", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    found = {line.rsplit("[", 1)[1].rstrip("]"): line for line in lines}
    assert set(found) == {
        "orphan-source",
        "root-weight",
        "root-stance",
        "self-link",
        "tree-link",
        "duplicate-link",
        "quote-not-found",
        "quote-unchecked",
        "no-source",
    }
    assert f"{path}:5:1: sources.unused: source 'unused' is never cited" in found["orphan-source"]
    assert f"{path}:13:1: claims.root.weight:" in found["root-weight"]
    assert f"{path}:30:1: claims.c: claim 'c' cites no source" in found["no-source"]
    assert (
        f"{path}:28:27: claims.b.cite[0].quote: quote not found in doc.md"
        in found["quote-not-found"]
    )
    assert "claims.a.links[0]: the claim links to itself" in found["self-link"]
    # typographic quotes and re-wrapped whitespace still match: no finding for those quotes
    assert not any("claims.root.cite" in line or "claims.a.cite" in line for line in lines)
    assert [line.split(":")[1] for line in lines] == sorted(
        (line.split(":")[1] for line in lines), key=int
    )


def test_lint_reports_an_unreadable_source(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[sources.s]\ntitle = "S"\npath = "gone.md"\n[claims.r]\ntext = "R"\ncite = { source = "s", quote = "x" }\n'
    )
    assert main(["lint", str(path)]) == 1
    assert (
        "cannot read 'gone.md' (source 's') to check the quote: no such file [source-missing]"
        in capsys.readouterr().out
    )


def test_lint_of_a_clean_map_exits_zero(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text('[sources.s]\ntitle = "S"\n[claims.r]\ntext = "R"\ncite = { source = "s" }\n')
    assert main(["lint", str(path)]) == 0
    assert "nothing to report" in capsys.readouterr().out


def test_lint_of_an_invalid_map_reports_errors(tmp_path: Path, capsys) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[claims.r]\ntext = 1\n")
    assert main(["lint", str(path)]) == 1
    assert f"{path}:2:1: claims.r.text: must be a valid string" in capsys.readouterr().err


# ------------------------------------------------ a map's source paths never read the machine

SECRET = "the secret words"


def lint_lines(path: Path, capsys, *extra: str) -> list[str]:
    from .test_files import within

    within(10, lambda: main(["lint", *extra, str(path)]))  # a FIFO must not block it
    return [line for line in capsys.readouterr().out.splitlines() if "orphan-source" not in line]


def map_citing(paths: dict[str, str]) -> str:
    sources = "".join(
        f'[sources.{name}]\ntitle = "S"\npath = "{path}"\n' for name, path in paths.items()
    )
    cites = ", ".join(f'{{ source = "{name}", quote = "{SECRET}" }}' for name in paths)
    return sources + f'[claims.r]\ntext = "R"\ncite = [{cites}]\n'


def test_source_paths_outside_the_map_folder_are_findings_not_reads(tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET)
    folder = tmp_path / "maps"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "link.md").symlink_to(outside)  # planted: points out of the folder
    (folder / "sub" / "linkdir").symlink_to(tmp_path)
    path = folder / "m.toml"
    cases = {
        "absolute": str(outside),
        "proc": "/proc/self/environ",
        "up": "../outside.txt",
        "uptwice": "sub/../../outside.txt",
        "link": "sub/link.md",
        "linkdir": "sub/linkdir/outside.txt",
    }
    path.write_text(map_citing(cases))
    lines = lint_lines(path, capsys)
    assert len(lines) == len(cases), lines
    for name, source_path in cases.items():
        expected = (
            f"{source_path!r} (source {name!r}) is not a relative path inside the map's folder; "
            "not read, so the quote is unchecked [source-outside]"
        )
        assert any(line.endswith(expected) for line in lines), (name, lines)
    # the same words whether or not the file exists outside: nothing leaks
    outside.unlink()
    assert lint_lines(path, capsys) == lines


def test_non_regular_sources_are_findings_and_never_block(tmp_path: Path, capsys) -> None:
    from .test_files import private_null

    os.mkfifo(tmp_path / "pipe.md")
    private_null(tmp_path).rename(tmp_path / "device.md")  # empty when read: never endless
    (tmp_path / "folder.md").mkdir()
    path = tmp_path / "m.toml"
    path.write_text(map_citing({"pipe": "pipe.md", "device": "device.md", "dir": "folder.md"}))
    lines = lint_lines(path, capsys)
    joined = "\n".join(lines)
    assert "'pipe.md' (source 'pipe') to check the quote: is a FIFO (named pipe)" in joined
    assert "'device.md' (source 'device') to check the quote: is a character device" in joined
    assert "'folder.md' (source 'dir') to check the quote: is a directory" in joined


def test_source_files_are_read_up_to_a_cap(tmp_path: Path, capsys, monkeypatch) -> None:
    import debate.lint

    monkeypatch.setattr(debate.lint, "MAX_SOURCE_BYTES", 10)
    (tmp_path / "big.md").write_text(SECRET)
    path = tmp_path / "m.toml"
    path.write_text(map_citing({"big": "big.md"}))
    (line,) = lint_lines(path, capsys)
    assert line.endswith(
        "cannot read 'big.md' (source 'big') to check the quote: is larger than 10 bytes; "
        "not read [source-missing]"
    )


def test_links_inside_the_folder_and_a_wider_source_root(tmp_path: Path, capsys) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "doc.md").write_text(SECRET)
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "doc.md").write_text(SECRET)
    (folder / "alias.md").symlink_to("doc.md")
    path = folder / "m.toml"
    path.write_text(map_citing({"alias": "alias.md", "shared": "../shared/doc.md"}))
    (line,) = lint_lines(path, capsys)
    assert "(source 'shared') is not a relative path inside the map's folder" in line
    assert lint_lines(path, capsys, "--source-root", str(tmp_path)) == [
        f"{path}: ok, nothing to report"
    ]


# Any path a map can name, built from the pieces that escape a folder: lint's answer must not
# depend on what lies outside the map's folder (else it is a file oracle).
path_pieces = st.lists(
    st.sampled_from(["..", ".", "sub", "out-link", "in-link", "doc.md", "secret.txt", "", "/"]),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=80,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pieces=path_pieces, absolute=st.booleans())
def test_lint_says_nothing_about_files_outside_the_folder(
    tmp_path: Path, pieces: list[str], absolute: bool
) -> None:
    from debate.lint import lint_map
    from debate.store import parse_map

    folder = tmp_path / "maps"
    if not folder.exists():
        (folder / "sub").mkdir(parents=True)
        (folder / "doc.md").write_text("inside words")
        (folder / "sub" / "doc.md").write_text("inside words")
        (folder / "out-link").symlink_to(tmp_path)
        (folder / "in-link").symlink_to("sub")
    relative = "/".join(pieces)
    source_path = f"{tmp_path}/{relative}" if absolute else relative
    quoted = source_path.replace("\\", "\\\\").replace('"', '\\"')
    argmap = parse_map(
        f'[sources.s]\ntitle = "S"\npath = "{quoted}"\n'
        f'[claims.r]\ntext = "R"\ncite = {{ source = "s", quote = "{SECRET}" }}\n'
    ).argmap
    secret = tmp_path / "secret.txt"
    answers = []
    for outside in (SECRET, "something else", None):
        if outside is None:
            secret.unlink(missing_ok=True)
        else:
            secret.write_text(outside)
        answers.append(lint_map(argmap, folder))
    assert answers[0] == answers[1] == answers[2], (source_path, answers)


EVERY_RULE = """\
[sources.s]
title = "S"
path = "doc.md"

[sources.t]
title = "T"

[sources.u]
title = "U"
path = "../outside.md"

[sources.orphan]
title = "O"

[claims.r]
text = "R"
weight = 2
stance = "pro"
mutual = "pro"
links = ["r", "a", "a", "b"]

[claims.a]
parent = "r"
stance = "pro"
text = "A"
cite = { source = "s", quote = "inside words" }
links = ["r"]

[claims.b]
parent = "a"
stance = "con"
text = "B"
cite = [{ source = "s", quote = "not there" }, { source = "t", quote = "q" }, { source = "u" }]

[claims.c]
parent = "b"
stance = "part"
text = "C"
links = ["b", "c"]
"""


def test_findings_come_rule_by_rule_each_in_file_order(tmp_path: Path) -> None:
    """One pass over the claims feeds every rule, yet the findings keep the order of rules
    run one after another (ties in the printed order of findings depend on it)."""
    from debate.lint import lint_map
    from debate.store import parse_map

    (tmp_path / "doc.md").write_text("inside words here\n")
    argmap = parse_map(EVERY_RULE.replace('{ source = "u" }', '{ source = "u", quote = "x" }'))
    found = [(finding.rule, finding.path) for finding in lint_map(argmap.argmap, tmp_path)]
    assert found == [
        ("no-source", ("claims", "r")),
        ("no-source", ("claims", "c")),
        ("quote-not-found", ("claims", "b", "cite", 0, "quote")),
        ("quote-unchecked", ("claims", "b", "cite", 1, "quote")),
        ("source-outside", ("claims", "b", "cite", 2, "quote")),
        ("root-weight", ("claims", "r", "weight")),
        ("root-stance", ("claims", "r", "stance")),
        ("self-link", ("claims", "r", "links", 0)),
        ("tree-link", ("claims", "r", "links", 1)),
        ("duplicate-link", ("claims", "r", "links", 2)),
        ("root-mutual", ("claims", "r", "mutual")),
        ("tree-link", ("claims", "a", "links", 0)),
        ("tree-link", ("claims", "c", "links", 0)),
        ("self-link", ("claims", "c", "links", 1)),
        ("orphan-source", ("sources", "orphan")),
    ]


def test_a_command_keeps_its_map_out_of_the_collector_and_gives_it_back(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """The loaded map is frozen for the command (the collector would walk its millions of
    objects again and again) and unfrozen when the command ends."""
    import gc

    import debate.lint

    path = tmp_path / "m.toml"
    path.write_text(EVERY_RULE)
    frozen_during: list[int] = []
    real = debate.lint.lint_map

    def lint_map(*args, **kwargs):  # type: ignore[no-untyped-def]
        frozen_during.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(debate.lint, "lint_map", lint_map)
    assert main(["lint", "-q", str(path)]) == 1
    assert frozen_during and frozen_during[0] > 0
    assert gc.get_freeze_count() == 0
    assert "claims.r: claim 'r' cites no source [no-source]" in capsys.readouterr().out
