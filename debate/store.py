"""Reading maps (tomli, then pydantic, then structural checks) and writing them (tomlkit).

Reading is the hot path: tomli parses, pydantic-core validates the whole document in one call,
and only when something is wrong do we pay for locating keys in the text. Writing goes through
tomlkit and touches only the keys whose values changed, so the user's comments, ordering and
formatting survive. The file mechanics (regular files only, size cap, atomic writes through
the user's symlinks, read-only files refused) live in :mod:`debate.files`.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

import tomli
from pydantic import BaseModel, ValidationError

from debate import tomlwriter
from debate.errors import FileChangedError, MapError, Problem
from debate.files import FileReadError, read_regular_file, write_file
from debate.locate import byte_line_col, line_col
from debate.locate_fast import locate_paths
from debate.model import (
    MAX_WEIGHT,
    MIN_WEIGHT,
    ArgumentMap,
    Claim,
    Issue,
    MapInfo,
    MapTree,
    Perspective,
    Source,
    check_structure,
    did_you_mean,
)
from debate.perf import collector_paused
from debate.toml_pieces import loads_in_pieces

if TYPE_CHECKING:
    import tomlkit.container
    import tomlkit.items
    from tomlkit.toml_document import TOMLDocument


@dataclass(slots=True)
class Fingerprint:
    """What the file looked like when we read it, to notice someone else's changes."""

    sha256: str
    bom: bool = False
    """The file began with a UTF-8 byte-order mark: saves write it back."""

    @classmethod
    def of_bytes(cls, data: bytes) -> Fingerprint:
        return cls(hashlib.sha256(data).hexdigest(), data.startswith(BOM))


BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class LoadedMap:
    """A map together with the text it came from, so a save can keep the user's layout."""

    argmap: ArgumentMap
    path: Path | None
    text: str
    fingerprint: Fingerprint | None = None

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "<map>"


# ---------------------------------------------------------------------------------- reading


def load_map(
    path: str | os.PathLike[str], progress: Callable[[float], None] | None = None
) -> LoadedMap:
    """Read and check a map file; raises :class:`MapError` listing every problem found.

    With ``progress``, a big file is parsed in pieces (see :mod:`debate.toml_pieces`) and
    ``progress`` told the share read after each: for a reader in a background thread.
    """
    file = Path(path)
    data = read_map_bytes(file)
    loaded = parse_map(data, name=str(path), progress=progress)
    loaded.path = file
    loaded.fingerprint = Fingerprint.of_bytes(data)
    return loaded


def read_map_bytes(path: Path) -> bytes:
    """A map file's bytes, or :class:`MapError` saying why not, in one line.

    Every map read goes through here (and so through :func:`debate.files.read_regular_file`):
    a FIFO, a device or a file beyond the size cap is refused, never read.
    """
    try:
        return read_regular_file(path)[0]
    except FileReadError as error:
        reason = "is a directory, not a map file" if error.reason == "is a directory" else None
        raise MapError([Problem(str(path), reason or error.reason)]) from None


def parse_map(
    source: bytes | str, name: str = "<map>", progress: Callable[[float], None] | None = None
) -> LoadedMap:
    """Parse map text; ``name`` is only used in error messages (``progress``: see
    :func:`load_map`)."""
    with collector_paused():
        return _parse_map(source, name, progress)


def _parse_map(
    source: bytes | str, name: str, progress: Callable[[float], None] | None = None
) -> LoadedMap:
    text = _decode(source, name) if isinstance(source, bytes) else source
    if not text.strip():
        raise MapError(
            [Problem(name, "the file is empty; a map needs at least one [claims.ID] table", 1, 1)]
        )
    data = None
    if progress is not None:
        data = loads_in_pieces(text, progress=progress)
    if data is None:
        data = loads_toml(text, name)
    return LoadedMap(validate_data(data, text, name), None, text)


def loads_toml(text: str, name: str = "<toml>") -> dict[str, Any]:
    """tomli's parse, with every way it can fail as one located :class:`MapError` line.

    Besides syntax errors: values nested too deeply, and integers longer than Python converts
    (``sys.get_int_max_str_digits()``), which tomli lets escape as a bare ``ValueError``.
    """
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise MapError([_syntax_problem(error, name, text)]) from None
    except RecursionError:
        line, col = _deep_nesting_position(text)
        raise MapError([Problem(name, "values are nested too deeply", line, col)]) from None
    except ValueError:  # int() refused a huge decimal integer
        line, col = _long_integer_position(text)
        limit = sys.get_int_max_str_digits()
        raise MapError(
            [Problem(name, f"invalid TOML: an integer longer than {limit} digits", line, col)]
        ) from None


_DEEP_NESTING = re.compile(r"[\[{](?:[ \t\r\n]*[\[{]){64,}")
"""64 or more arrays or inline tables opened one inside another (a map needs three)."""


def _deep_nesting_position(text: str) -> tuple[int, int]:
    """Where the first run of deeply nested arrays or inline tables starts, else ``(1, 1)``."""
    match = _DEEP_NESTING.search(text)
    return (1, 1) if match is None else line_col(text, match.start())


def _long_integer_position(text: str) -> tuple[int, int]:
    """Where the first too-long decimal integer value starts (one after ``=``, ``[`` or ``,``
    rather than digits inside a string), else ``(1, 1)``."""
    limit = sys.get_int_max_str_digits() or 4300
    runs = re.compile(rf"[+-]?\d(?:_?\d){{{limit},}}")
    first: int | None = None
    for match in runs.finditer(text):
        first = match.start() if first is None else first
        before = text[max(0, match.start() - 256) : match.start()].rstrip(" \t\r\n")
        if before.endswith(("=", "[", ",")):
            first = match.start()
            break
    return (1, 1) if first is None else line_col(text, first)


def validate_data(data: Mapping[str, Any], text: str = "", name: str = "<map>") -> ArgumentMap:
    """Turn parsed TOML into a checked map, or raise :class:`MapError` with located problems."""
    try:
        argmap = ArgumentMap.model_validate(data)
    except ValidationError as error:
        relevant = _relevant(error)
        problems = [_pydantic_problem(item, where, name) for item, where in relevant]
        paths = [where.path for _, where in relevant]
        for issue in _structure_of_valid_parts(data):
            problems.append(Problem(name, issue.message, where=_dotted(issue.path)))
            paths.append(issue.path)
        located = _locate_all(problems, text, paths)
        raise MapError(sorted(located, key=lambda problem: (problem.line, problem.col))) from None
    except RecursionError:
        raise MapError([Problem(name, "values are nested too deeply", 1, 1)]) from None
    issues = check_structure(argmap)
    errors = [issue for issue in issues if issue.severity == "error"]
    if errors:
        located = locate_issues(errors, text, name)
        raise MapError(sorted(located, key=lambda problem: (problem.line, problem.col)))
    return argmap


def _structure_of_valid_parts(data: Mapping[str, Any]) -> list[Issue]:
    """The structural errors among the entities that passed the schema, so one run of
    ``debate validate`` reports both kinds (FORMAT.md).

    An entity that failed the schema stands in as a placeholder that keeps what can be read
    of its references (its parent, its stance), so the others' references to it are not
    reported as unknown; its own structural issues are left out (its schema error says what
    to fix first), except a parent cycle through it.
    """
    try:
        claims_data = data.get("claims") if isinstance(data, Mapping) else None
        if not isinstance(claims_data, dict):
            return []
        broken: set[tuple[str | int, ...]] = set()

        def valid(section: str, model: Any, placeholder: Any) -> dict[str, Any]:
            entries = data.get(section, {})
            out: dict[str, Any] = {}
            if not isinstance(entries, dict):
                return out
            for key, value in entries.items():
                try:
                    out[key] = model.model_validate(value)
                except (ValidationError, RecursionError, TypeError):
                    out[key] = placeholder(value)
                    broken.add((section, key))
            return out

        argmap = ArgumentMap.model_construct(
            map=MapInfo(),
            sources=valid("sources", Source, lambda _: Source(title="?")),
            claims=valid("claims", Claim, _placeholder_claim),
            perspectives=valid("perspectives", Perspective, lambda _: Perspective()),
        )
        issues = check_structure(argmap)
    except (ValidationError, RecursionError):
        return []
    return [
        issue
        for issue in issues
        if issue.severity == "error"
        and (issue.path[:2] not in broken or issue.message.startswith("parent cycle"))
    ]


def _placeholder_claim(value: Any) -> Claim:
    raw = value if isinstance(value, dict) else {}
    parent = raw.get("parent") if isinstance(raw.get("parent"), str) else None
    stance = raw.get("stance") if raw.get("stance") in ("pro", "con", "part") else None
    return Claim(text="?", parent=parent, stance=stance or ("pro" if parent else None))


def locate_issues(issues: Iterable[Issue], text: str, name: str) -> list[Problem]:
    """Give structural issues (key paths) their file:line:col."""
    issues = list(issues)
    with collector_paused():  # lint locates a finding for nearly every claim of a big map
        paths = [issue.path for issue in issues]
        positions = locate_paths(text, paths) if text else [(0, 0)] * len(issues)
        return [
            Problem(name, issue.message, line, col, _dotted(issue.path), issue.severity)
            for issue, (line, col) in zip(issues, positions, strict=True)
        ]


def _decode(data: bytes, name: str) -> str:
    if data.startswith(BOM):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = byte_line_col(data, error.start)
        byte = data[error.start]
        raise MapError(
            [Problem(name, f"not UTF-8 text (byte 0x{byte:02x}); is this a map file?", line, col)]
        ) from None


def _syntax_problem(error: tomli.TOMLDecodeError, name: str, text: str) -> Problem:
    message = getattr(error, "msg", str(error))
    line = getattr(error, "lineno", 0)
    col = getattr(error, "colno", 0)
    if message.startswith("Cannot declare ('claims',") and "twice" in message:
        message += " (each claim id may appear only once)"
    elif message == "Cannot overwrite a value":
        message = "a key given twice (each key may appear once in a table)"
        if line:  # tomli points past the value: point at the key, where the line starts
            text_line = text.split("\n", line)[line - 1]
            col = len(text_line) - len(text_line.lstrip(" \t")) + 1
    if message.startswith("Illegal character '\\n'"):
        message = "line break inside a string; is a closing quote missing?"
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    if "\x00" in text:
        message = "binary data: this does not look like a TOML map file"
    return Problem(name, f"invalid TOML: {message}", line, col)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where pydantic's error ``loc`` points in the file, read alongside the models' schema.

    ``path`` is the key path as written (union branch tags such as ``Citation`` or ``date``
    removed: a key the user wrote is never mistaken for one). ``owner`` is the model whose
    field the last key is (for did-you-mean on unknown keys). When the error went through a
    union-typed field, ``path[:union]`` is that field's path and ``branch`` the branch's tag.
    """

    path: tuple[str | int, ...]
    owner: type | None
    union: int | None = None
    branch: str | None = None


def _where(loc: Iterable[Any]) -> _Where:
    """Walk pydantic's ``loc`` down the models, to split the file's keys from branch tags."""
    path: list[str | int] = []
    shape: Any = ArgumentMap
    owner: type | None = None
    union: int | None = None
    branch: str | None = None
    for part in loc:
        shape = _unwrap(shape)
        members = _union_members(shape)
        if members and isinstance(part, str) and part in members:
            shape, union, branch = members[part], len(path), part
            continue
        owner = None
        fields = _fields_of(shape)
        if fields is not None:
            field = fields.get(part) if isinstance(part, str) else None
            owner, shape = shape, field.annotation if field is not None else None
        elif get_origin(shape) is list and isinstance(part, int):
            shape = get_args(shape)[0]
        elif get_origin(shape) is dict:
            shape = get_args(shape)[1]
        else:
            shape = None
        path.append(part)
    return _Where(tuple(path), owner, union, branch)


def _fields_of(shape: Any) -> dict[str, Any] | None:
    """A model's fields (a pydantic model or a pydantic dataclass), else ``None``."""
    if not isinstance(shape, type):
        return None
    if issubclass(shape, BaseModel):
        return dict(shape.model_fields)
    fields = getattr(shape, "__pydantic_fields__", None)
    return dict(fields) if fields is not None else None


def _unwrap(shape: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` as plain ``X``."""
    while True:
        if get_origin(shape) is Annotated:
            shape = get_args(shape)[0]
        elif get_origin(shape) in (Union, types.UnionType):
            members = [arg for arg in get_args(shape) if arg is not type(None)]
            if len(members) != 1:
                return shape
            shape = members[0]
        else:
            return shape


def _union_members(shape: Any) -> dict[str, Any]:
    """A union's members by the tag pydantic puts in ``loc`` (``Citation``, ``list[Citation]``)."""
    if get_origin(shape) not in (Union, types.UnionType):
        return {}
    return {_tag(arg): arg for arg in get_args(shape) if arg is not type(None)}


def _tag(shape: Any) -> str:
    if get_origin(shape) is list:
        return f"list[{_tag(get_args(shape)[0])}]"
    return getattr(shape, "__name__", str(shape))


_BRANCH_NAMES = {
    "list[Citation]": "an array of tables",
    "Citation": "a table",
    "str": "a string",
    "date": "a date",
    "datetime": "a date-time",
}


def _relevant(error: ValidationError) -> list[tuple[dict[str, Any], _Where]]:
    """One error per problem: pydantic reports a value that fits no branch of a union once
    per branch; keep the branch the value's shape chose, or fold them into one line."""
    items: list[tuple[dict[str, Any], _Where]] = []
    deep_unions: set[tuple[str | int, ...]] = set()
    for details in error.errors(include_url=False):
        where = _where(details["loc"])
        items.append((dict(details), where))
        if where.union is not None and len(where.path) > where.union:
            deep_unions.add(where.path[: where.union])
    kept: list[tuple[dict[str, Any], _Where]] = []
    folded: dict[tuple[str | int, ...], dict[str, Any]] = {}
    seen: set[tuple[Any, ...]] = set()
    for item, where in items:
        if where.union is not None and len(where.path) == where.union:
            if where.path in deep_unions:
                continue  # the value has another branch's shape; that branch says what is wrong
            if where.path in folded:
                folded[where.path]["ctx"]["branches"].append(where.branch)
                continue
            item = {**item, "type": "union", "ctx": {"branches": [where.branch]}}
            folded[where.path] = item
        key = (where.path, item["type"])
        if key not in seen:
            seen.add(key)
            kept.append((item, where))
    return kept


_RANGES = {
    "weight": f"must be a whole number from {MIN_WEIGHT} to {MAX_WEIGHT}",
    "credence": "must be a number from 0 to 1",
}


def _pydantic_problem(item: Mapping[str, Any], where: _Where, name: str) -> Problem:
    loc = where.path
    kind: str = item["type"]
    value = item.get("input")
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if len(loc) == 4 and loc[0] == "perspectives":
        field = str(loc[2])  # perspectives.NAME.weight.CLAIM: the overlay decides the range
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        known = list(_fields_of(where.owner) or ()) if where.owner is not None else []
        hint = did_you_mean(str(loc[-1]), known)
        message = f"unknown key {loc[-1]!r}" + hint
        if known and not hint:
            message += f"; expected one of: {', '.join(known)}"
    elif kind == "union":
        names = [_BRANCH_NAMES.get(branch, branch) for branch in item["ctx"]["branches"]]
        message = f"must be {' or '.join(names)}, got {_got(value)}"
        if isinstance(value, str) and {"date", "datetime"} & set(item["ctx"]["branches"]):
            message += " (TOML dates are written without quotes: 2026-11-28)"
    elif kind in ("missing", "missing_argument", "missing_keyword_only_argument"):
        message = f"missing required key {loc[-1]!r}"
    elif field in _RANGES and kind not in ("model_type", "dict_type", "dataclass_type"):
        message = f"{_RANGES[field]}, got {_show(value)}"
    elif kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        message = f"must be one of {expected.replace(' or ', ', ')}, got {_show(value)}"
    elif kind in ("model_type", "dict_type", "model_attributes_type", "dataclass_type"):
        message = f"must be a table, got {_type_name(value)}"
    elif kind == "list_type":
        message = f"must be an array, got {_type_name(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    else:
        message = str(item.get("msg", "is invalid")).replace("Input should be", "must be")
        message = message[0].lower() + message[1:] if message else "is invalid"
        if not isinstance(value, dict | list):
            message += f", got {_got(value)}"
    return Problem(name, message, where=_dotted(loc))


def _show(value: Any) -> str:
    """A value as the map wrote it: TOML's ``true``, an ISO date, a quoted string."""
    if _huge(value):
        return f"a {value.bit_length()}-bit integer"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | time):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _got(value: Any) -> str:
    """``an integer 3``, ``a string 'x'``, ``a table``: what was given, for messages."""
    if _huge(value):
        return _show(value)
    if isinstance(value, dict | list):
        return _type_name(value)
    return f"{_type_name(value)} {_show(value)}"


def _huge(value: Any) -> bool:
    """An integer too long to print: ``repr()`` refuses those of more than 4300 digits."""
    return isinstance(value, int) and value.bit_length() > 128


def _type_name(value: Any) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a float",
        bool: "a boolean",
        list: "an array",
        dict: "a table",
        date: "a date",
        datetime: "a date-time",
    }.get(type(value), type(value).__name__)


_WORD = re.compile(r"[\w-]+")
"""Letters, digits (``str.isalnum``), ``_`` and ``-``: a key shown without quotes."""


_WORD_PATH = re.compile(r"[\w-]+(?:\.[\w-]+)*")


def _dotted(path: Iterable[Any]) -> str:
    """A key path as the user would write it: ``claims.a.cite[0].source``, ``claims.'a b'``."""
    path = tuple(path)
    try:
        joined = ".".join(path)  # the common case: keys that need no quotes, no array index
    except TypeError:
        joined = ""
    if joined.count(".") == len(path) - 1 and _WORD_PATH.fullmatch(joined):
        return joined
    return _dotted_each(path)


def _dotted_each(path: Iterable[Any]) -> str:
    """:func:`_dotted` one part at a time."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part)
            shown = part if _WORD.fullmatch(part) else repr(part)
            out += f".{shown}" if out else shown
    return out


def _locate_all(
    problems: list[Problem], text: str, paths: Iterable[tuple[str | int, ...]]
) -> list[Problem]:
    """Give each problem the file:line:col of its key path (``paths``, in the same order)."""
    if not text:
        return problems

    positions = locate_paths(text, [tuple(path) for path in paths])
    return [
        Problem(problem.file, problem.message, line, col, problem.where, problem.severity)
        for problem, (line, col) in zip(problems, positions, strict=True)
    ]


# ---------------------------------------------------------------------------------- writing


def map_to_data(argmap: ArgumentMap) -> dict[str, Any]:
    """The map as plain TOML-ready data, leaving out every unset optional value."""
    return argmap.model_dump(mode="python", exclude_none=True, exclude_defaults=True)


def dump_map(argmap: ArgumentMap, header: str | None = None) -> str:
    """A fresh, readable TOML text for a map that has no file yet (new, import, export).

    Written directly (:mod:`debate.tomlwriter`), claims in tree order: a new map has no
    layout to keep, so it needs no tomlkit document.
    """
    with collector_paused():  # the whole map as data, then as text: no cycles among them
        order = [claim_id for claim_id, _ in argmap.tree().walk()]
        return tomlwriter.document(map_to_data(argmap), order, header)


def render_document(document: TOMLDocument) -> str:
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    return tomlkit.dumps(document)


def _table(section: str, values: dict[str, Any]) -> tomlkit.items.Table:
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    if section == "map":
        table = tomlkit.table()
        for key, value in values.items():
            table.add(key, toml_item(value))
        return table
    outer = tomlkit.table(is_super_table=True)
    for key, entry in values.items():
        outer.add(key, _entry_table(section, entry))
    return outer


_ARRAY_TABLES = ("notes", "conflicts")
"""Claim keys written as ``[[claims.ID.KEY]]`` blocks: one readable table per entry."""


def _entry_table(section: str, entry: dict[str, Any]) -> tomlkit.items.Table:
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    table = tomlkit.table()
    for key, value in entry.items():
        if section == "claims" and key in _ARRAY_TABLES:
            continue
        table.add(key, _item(key, value))
    if section == "claims":
        for key in _ARRAY_TABLES:
            if entry.get(key):
                table.add(key, _array_of_tables(entry[key]))
    return table


def _array_of_tables(entries: list[dict[str, Any]]) -> tomlkit.items.AoT:
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    array = tomlkit.aot()
    for entry in entries:
        array.append(_plain_table(entry))
    return array


def _plain_table(values: dict[str, Any]) -> tomlkit.items.Table:
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    table = tomlkit.table()
    for key, value in values.items():
        table.add(key, toml_item(value))
    return table


def _item(key: str, value: Any) -> Any:
    """Small tables (``cite``, perspective overlays) read best inline."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        array = toml_item(value)
        if len(value) > 1:
            array.multiline(True)
        return array
    return toml_item(value)


def toml_item(value: Any) -> Any:
    """``value`` as tomlkit items whose strings are written by :func:`debate.tomlwriter.string`.

    tomlkit writes C1 controls, bidi overrides and line separators raw; a file debate wrote
    would then show reordered or hidden text in ``cat`` and ``git diff``. Every value an edit
    or a merge hands to tomlkit goes through here, so a save escapes exactly as a new map.
    """
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    if isinstance(value, str):
        return String(StringType.SLB, value, tomlwriter.string(value)[1:-1], Trivia())
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        for sub_key, sub_value in value.items():
            inline.append(sub_key, toml_item(sub_value))
        return inline
    if isinstance(value, list | tuple):
        array = tomlkit.array()
        array.extend(toml_item(element) for element in value)
        return array
    return tomlkit.item(value)


def update_document(document: TOMLDocument, old: ArgumentMap, new: ArgumentMap) -> None:
    """Apply the differences between two maps to a tomlkit document, touching nothing else.

    ``old`` is what the document currently says; only keys whose values differ are written,
    so comments and formatting around untouched keys survive. Claims keep the document's
    order unless ``new`` orders siblings differently, in which case claim tables are re-laid
    in ``new``'s order.
    """
    old_data, new_data = map_to_data(old), map_to_data(new)
    for section in ("map", "sources", "claims", "perspectives"):
        before, after = old_data.get(section, {}), new_data.get(section, {})
        if before == after and list(before) == list(after):
            continue  # same content in the same order (dict equality ignores order)
        if section not in document:
            if after:
                document.add(section, _table(section, after))
            continue
        container = document[section]
        if not after:
            del document[section]
            continue
        if section == "map":
            _merge_plain(container, before, after)
            continue
        _merge_entries(section, container, before, after)


def _merge_entries(
    section: str, container: Any, before: dict[str, Any], after: dict[str, Any]
) -> None:
    for key in [key for key in before if key not in after]:
        del container[key]
    for key, entry in after.items():
        if key not in before:
            container.add(key, _entry_table(section, entry))
        elif before[key] != entry:
            _merge_plain(container[key], before[key], entry, section=section)
    order = list(after)
    if [key for key in container if key in after] != order:
        _reorder(container, order)


def _merge_plain(
    table: Any,
    before: dict[str, Any],
    after: dict[str, Any],
    section: str = "",
    style: Any = None,
) -> None:
    """Write ``after``'s values into a tomlkit table that holds ``before``'s.

    With a :class:`debate.tomlwriter.Style`, inline tables (a ``cite``, a perspective's
    overlay) are written whole in the file's own style (``{ source = "x" }`` stays spaced);
    tomlkit's own edits of an inline table re-space it.
    """
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    def item(key: str, value: Any) -> Any:
        if style is not None and _has_table(value):
            return tomlkit.parse(f"x = {tomlwriter.value(value, style)}\n")["x"]
        return _item(key, value)

    for key in [key for key in before if key not in after]:
        del table[key]
    for key, value in after.items():
        if key in before and before[key] == value:
            continue
        if section == "claims" and key in _ARRAY_TABLES:
            _merge_array_tables(table, key, before.get(key, []), value)
        elif isinstance(value, dict) and isinstance(before.get(key), dict) and key in table:
            current = table[key]
            if isinstance(current, tomlkit.items.Table) or (
                style is None and isinstance(current, tomlkit.items.InlineTable)
            ):
                _merge_plain(current, before[key], value, style=style)
            else:
                table[key] = item(key, value)
        elif key in table:
            table[key] = item(key, value)
        elif section == "claims" and (anchor := _first_array_table(table)):
            _insert_before(table, anchor, key, item(key, value))
        else:
            table.add(key, item(key, value))


def _has_table(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(element, dict) for element in value)
    )


def _merge_array_tables(
    table: Any, key: str, before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> None:
    """Append new entries in place (the common case: a note added); else rewrite the block."""
    if key in table and before and after[: len(before)] == before:
        for entry in after[len(before) :]:
            table[key].append(_plain_table(entry))
        return
    if key in table:
        del table[key]
    if after:
        table.add(key, _array_of_tables(after))


def _first_array_table(table: Any) -> str | None:
    return next((key for key in table if key in _ARRAY_TABLES), None)


def _insert_before(table: Any, anchor: str, key: str, value: Any) -> None:
    """Insert a plain key above an array of tables, where TOML requires it to be."""
    items = [(k, table[k]) for k in list(table)]
    for k, _ in items:
        del table[k]
    for k, v in items:
        if k == anchor:
            table.add(key, value)
        table.add(k, v)


def _reorder(container: Any, order: list[str]) -> None:
    """Re-lay a super-table's entries in ``order``, carrying each entry's own comments along."""
    entries = {key: container[key] for key in order if key in container}
    for key in list(container):
        del container[key]
    for key in order:
        container.add(key, entries[key])


Entity = tuple[str, ...]
"""A map's unit of saving: ``("map",)``, ``("sources", ID)``, ``("claims", ID)``,
``("perspectives", NAME)`` (:meth:`debate.edits.Edit.entities` names what an edit changed)."""


def save_map(
    loaded: LoadedMap,
    argmap: ArgumentMap,
    path: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    changed: set[Entity] | None = None,
) -> LoadedMap:
    """Write ``argmap`` over ``loaded``'s file, changing only what changed; atomic.

    ``changed`` names every entity whose values may differ from the file's (the session
    collects them from its edits); then ``loaded.argmap`` may be ``argmap`` itself, edited in
    place, and the save costs what the change costs. Without it, ``loaded.argmap`` must be
    the map as loaded, and the save compares the two maps whole.

    Refuses (``FileChangedError``) when the file changed on disk since it was loaded, and
    (:class:`~debate.files.ReadOnlyFileError`) when it is write-protected, unless ``force``.
    A symbolic link is saved through to its target; a byte-order mark the file began with is
    kept. Returns the new :class:`LoadedMap` to keep editing from: with ``changed`` it holds
    ``argmap`` itself (no copy of a big map), else a copy of it.
    """

    target = Path(path) if path is not None else loaded.path
    if target is None:
        raise ValueError("save_map needs a path for a map that was not loaded from a file")
    if not force and loaded.fingerprint is not None and target == loaded.path:
        check_unchanged(loaded)
    text = saved_text(loaded, argmap, changed)
    bom = loaded.fingerprint is not None and loaded.fingerprint.bom
    data = (BOM if bom else b"") + text.encode("utf-8")
    write_file(target, data, overwrite_readonly=force)
    kept = argmap if changed is not None else argmap.model_copy(deep=True)
    return LoadedMap(kept, target, text, Fingerprint.of_bytes(data))


def saved_text(loaded: LoadedMap, argmap: ArgumentMap, changed: set[Entity] | None = None) -> str:
    """The text :func:`save_map` writes for ``argmap`` over ``loaded``'s (without a BOM).

    The loaded text's comments and layout are kept wherever the text patch or tomlkit can
    edit it; a layout neither can edit gets a fresh one, content complete. The merge driver
    writes its result over ours' text the same way.
    """
    # Saving under another name ("save as", the shipped map saved to ./arguments.toml) starts
    # from the loaded text too, so the comments and layout travel with the map.
    if not loaded.text.strip():
        return dump_map(argmap)
    text = _patched_text(loaded, argmap, changed)
    if text is None:
        text = _whole_document_text(loaded, argmap)
    return text if text is not None else dump_map(argmap)


def _pristine(loaded: LoadedMap, argmap: ArgumentMap) -> ArgumentMap:
    """The map as the loaded text says, even when ``loaded.argmap`` was edited in place."""
    if loaded.argmap is not argmap:
        return loaded.argmap
    return parse_map(loaded.text, name=loaded.name).argmap


MAX_DOTTED_KEYS = 1000
"""Above this many dotted keys (``claims.a.text = ...``) a file is not given to tomlkit.

tomlkit checks the whole table again for every dotted key it reads: quadratic, 15 s for
2,000 claims written that way, minutes for 10,000. Such a file is saved in a fresh layout
(content complete, its comments not kept) rather than taking that long."""

_DOTTED_KEY = re.compile(r"^[ \t]*[A-Za-z0-9_\"'-][^=\n]*\.[^=\n]*=", re.MULTILINE)


def _whole_document_text(loaded: LoadedMap, argmap: ArgumentMap) -> str | None:
    """The slow path: the whole file through tomlkit, checked by reading it back.

    tomlkit mishandles a few legal but unusual layouts (a claim's tables split across the
    file, dotted keys under ``[claims]``), and takes quadratic time over many dotted keys
    (:data:`MAX_DOTTED_KEYS`); then this returns ``None`` and the caller writes a freshly
    laid-out map rather than a file that says something else, or after minutes.
    """
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    dotted = _DOTTED_KEY.finditer(loaded.text)
    if next(islice(dotted, MAX_DOTTED_KEYS, None), None) is not None:
        return None
    try:
        document = tomlkit.parse(loaded.text)
        update_document(document, _pristine(loaded, argmap), argmap)
        text = render_document(document)
    except Exception:  # tomlkit internals on odd layouts; the fresh layout is still correct
        return None
    return text if _reads_back_as(text, argmap) else None


def _reads_back_as(text: str, argmap: ArgumentMap) -> bool:
    with collector_paused():
        try:
            written = ArgumentMap.model_validate(tomli.loads(text))
        except (tomli.TOMLDecodeError, ValidationError):
            return False
    return (
        written == argmap
        and all(
            list(getattr(written, section)) == list(getattr(argmap, section))
            for section in ("sources", "perspectives")
        )
        and written.tree().children == argmap.tree().children
        and (written.tree().roots == argmap.tree().roots)
    )


def _patched_text(
    loaded: LoadedMap, argmap: ArgumentMap, changed: set[Entity] | None
) -> str | None:
    """The fast path: rewrite only changed entities' pieces (see :mod:`debate.textpatch`).

    Every piece written is proven by reading it back on its own as the intended entity, and
    the file's pieces are checked to come out in the map's order; pieces not written are the
    loaded file's own text, which already read as those entities. Anything the slicer cannot
    do returns ``None`` so the caller uses the whole-document path instead.
    """
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    from debate.textpatch import Layout

    text = loaded.text
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    with collector_paused():
        layout = Layout.of(text.replace("\r\n", "\n") if crlf else text)
        if layout is None:
            return None
        if changed is None:
            changed = _changed_entities(_pristine(loaded, argmap), argmap)
        try:
            patched = _SavePlan(layout, argmap, changed).text()
        except _CannotPatch:
            return None
    return patched.replace("\n", "\r\n") if crlf else patched


class _CannotPatch(Exception):
    """The text patch cannot prove what it would write: use the whole-document path."""


def _changed_entities(old: ArgumentMap, new: ArgumentMap) -> set[Entity]:
    old_data, new_data = map_to_data(old), map_to_data(new)
    changed: set[Entity] = set()
    if old_data.get("map", {}) != new_data.get("map", {}):
        changed.add(("map",))
    for section in SECTIONS:
        before, after = old_data.get(section, {}), new_data.get(section, {})
        changed.update((section, key) for key, value in after.items() if before.get(key) != value)
        changed.update((section, key) for key in before if key not in after)
    return changed


SECTIONS = ("sources", "claims", "perspectives")
_MODELS: dict[str, Any] = {
    "map": MapInfo,
    "sources": Source,
    "claims": Claim,
    "perspectives": Perspective,
}


def _entity_model(argmap: ArgumentMap, entity: Entity) -> Any:
    if entity == ("map",):
        return argmap.map
    entries: dict[str, Any] = getattr(argmap, entity[0])
    return entries.get(entity[1])


def _dump(model: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(
        mode="python", exclude_none=True, exclude_defaults=True
    )
    return dumped


def _read_entity(text: str, entity: Entity) -> Any:
    """The entity one piece of text says, read on its own; :class:`_CannotPatch` unless the
    text holds exactly that entity and nothing else."""
    try:
        data = tomli.loads(text)
        if entity == ("map",):
            if list(data) != ["map"]:
                raise _CannotPatch
            return MapInfo.model_validate(data["map"])
        section, key = entity
        if list(data) != [section] or list(data[section]) != [key]:
            raise _CannotPatch
        return _MODELS[section].model_validate(data[section][key])
    except (tomli.TOMLDecodeError, ValidationError, ValueError, RecursionError):
        raise _CannotPatch from None


class _SavePlan:
    """One save through the text patch: what each touched piece becomes and where it goes."""

    def __init__(self, layout: Any, argmap: ArgumentMap, changed: set[Entity]) -> None:
        # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
        from debate.textpatch import Patch

        self.layout = layout
        self.argmap = argmap
        self.changed = changed
        self.style = tomlwriter.style_of(layout.text)
        self.patch = Patch()
        self.cores: dict[Entity, str] = {}  # the text of every entity written anew
        self.moved_parents: set[str] = set()

    def text(self) -> str:
        # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
        from debate.textpatch import apply

        self._map()
        for entity in sorted(self.changed):
            if entity[0] in SECTIONS and self.layout.find(entity) is not None:
                self._rewrite(entity)
        for section in SECTIONS:
            self._section(section)
        return apply(self.layout, self.patch)

    # ------------------------------------------------------------------ values

    def _rewrite(self, entity: Entity) -> None:
        """Merge an existing entity's new values into its own piece, if they changed."""
        number = self.layout.find(entity)
        model = _entity_model(self.argmap, entity)
        if number is None or model is None:
            return  # a deleted entity: handled with its section
        core = self.layout.core_text(number)
        old = _read_entity(core, entity)
        before, after = _dump(old), _dump(model)
        if before == after:
            return
        if entity[0] == "claims" and before.get("parent") != after.get("parent"):
            self.moved_parents.add(entity[1])
        key = entity[1] if len(entity) > 1 else None
        try:
            merged = _merge_entity(core, entity[0], key, before, after, self.style)
        except Exception:  # tomlkit on a piece it cannot edit
            raise _CannotPatch from None
        if not merged.endswith("\n"):
            merged += self.layout.newline
        if _read_entity(merged, entity) != model:
            raise _CannotPatch
        self.cores[entity] = merged
        self.patch.replaced[number] = merged

    def _new_text(self, entity: Entity) -> str:
        model = _entity_model(self.argmap, entity)
        assert model is not None
        key = entity[1] if len(entity) > 1 else None
        text = tomlwriter.entity(entity[0], key, _dump(model), self.style)
        if _read_entity(text, entity) != model:
            raise _CannotPatch
        return text

    def _map(self) -> None:
        if ("map",) not in self.changed:
            return
        number = self.layout.find(("map",))
        after = _dump(self.argmap.map)
        if number is None:
            if after:
                self.patch.insert(0, -1, self._new_text(("map",)))
            return
        if not after:
            self.patch.removed.add(number)
            return
        self._rewrite(("map",))

    # ------------------------------------------------------------------ order

    def _section(self, section: str) -> None:
        # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
        from debate.textpatch import place

        layout, patch = self.layout, self.patch
        entries: dict[str, Any] = getattr(self.argmap, section)
        in_file = layout.entities(section)
        for key in in_file:
            if key not in entries:
                number = layout.find((section, key))
                assert number is not None
                patch.removed.add(number)
        kept = [key for key in in_file if key in entries]
        moved = section == "claims" and not self.moved_parents.isdisjoint(kept)
        if not moved and list(entries) == kept:
            return  # same entities in the same order: nothing moves
        touched = {key for (name, *rest) in self.changed if name == section for key in rest}
        if section == "claims":
            claims: dict[str, Claim] = entries

            def group(key: str) -> Any:
                parent = claims[key].parent
                return parent if parent in claims else None

            last_of = _subtree_walker(claims)
            placed = place(kept, list(entries), group, touched, lambda parent: parent, last_of)
        else:
            placed = place(kept, list(entries), lambda key: None, touched, lambda _: None)
        if placed is None:
            raise _CannotPatch
        moves, order = placed
        if not moves:
            return
        self._emit(section, moves, order)

    def _emit(self, section: str, moves: dict[str, Any], order: list[str]) -> None:
        """Put each placed entity's text after the nearest kept one before it in ``order``."""
        layout, patch = self.layout, self.patch
        pending: list[str] = []
        anchor: int | None = None
        for key in order:
            entity = (section, key)
            if key not in moves:
                number = layout.find(entity)
                assert number is not None
                if pending:  # the first ones of the section go right before the first kept
                    for text in pending:
                        patch.insert(number, -1, text)
                    pending = []
                anchor = number
                continue
            number = layout.find(entity)
            if number is None:
                text = self._new_text(entity)
            else:
                patch.removed.add(number)
                text = self.cores.get(entity) or layout.core_text(number)
                patch.replaced.pop(number, None)
            if anchor is None:
                pending.append(text)
            else:
                patch.insert(anchor, 1, text)
        if pending:
            home = self._home(section)
            if home is None:
                raise _CannotPatch
            number, side = home
            for text in pending:
                patch.insert(number, side, text)

    def _home(self, section: str) -> tuple[int, int] | None:
        """Where a section with nothing kept in the file starts: after the nearest earlier
        section's last kept piece, else before the nearest later section's first one."""
        # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
        from debate.textpatch import SECTION_ORDER

        kept = [
            (number, piece.entity[0])
            for number, piece in enumerate(self.layout.pieces)
            if number not in self.patch.removed
        ]
        rank = SECTION_ORDER.index(section)
        earlier = [number for number, name in kept if SECTION_ORDER.index(name) < rank]
        if earlier:
            return max(earlier), 1
        later = [number for number, name in kept if SECTION_ORDER.index(name) > rank]
        return (min(later), -1) if later else None


def _subtree_walker(claims: dict[str, Claim]) -> Any:
    """``last_of(claim)``: the claim and its descendants (the tree indexed once, lazily)."""
    tree: MapTree | None = None

    def last_of(claim_id: str) -> list[str]:
        nonlocal tree
        if tree is None:
            tree = MapTree.of({key: claim.parent for key, claim in claims.items()})
        return tree.subtree(claim_id)

    return last_of


def _merge_entity(
    text: str,
    section: str,
    key: str | None,
    before: dict[str, Any],
    after: dict[str, Any],
    style: Any = None,
) -> str:
    """Apply one entity's changes to its own piece of the file, with tomlkit."""
    # writing only: ~13 ms (tomlkit, textpatch) that reading a map never pays
    import tomlkit

    ended = text.endswith("\n")
    document = tomlkit.parse(text if ended else text + "\n")
    table = document["map"] if key is None else document[section][key]
    _merge_plain(table, before, after, section=section, style=style)
    rendered = render_document(document)
    return rendered if ended or not rendered.endswith("\n") else rendered[:-1]


def check_unchanged(loaded: LoadedMap) -> None:
    """Raise :class:`FileChangedError` if the file on disk is no longer what we loaded."""
    assert loaded.path is not None and loaded.fingerprint is not None
    try:
        data, _ = read_regular_file(loaded.path)
    except FileReadError as error:
        if error.reason == "no such file":
            return  # deleted under us: writing it back loses nothing
        raise FileChangedError(f"{error}; not saved") from None
    if hashlib.sha256(data).hexdigest() != loaded.fingerprint.sha256:
        raise FileChangedError(f"{loaded.path}: changed on disk since it was opened; not saved")


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` safely: :func:`debate.files.write_file` (kept for callers)."""
    write_file(path, data)
