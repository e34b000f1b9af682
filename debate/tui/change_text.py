"""What the undo and redo notices say: the edit, and the value it left, as the detail pane
writes it (``credence of cheaper → 0.70``), so the notice answers "where am I now?"."""

from __future__ import annotations

from typing import Any

from debate.edits import Edit, SetField, SetOverlay, SetStance
from debate.model import ArgumentMap


def shown_value(field: str, value: Any) -> str:
    """A weight as a whole number, a credence with two decimals (as the detail pane)."""
    if field == "credence" and isinstance(value, int | float):
        return f"{value:.2f}"
    return str(value)


def _claim_value(argmap: ArgumentMap, claim_id: str, field: str) -> Any:
    claim = argmap.claims[claim_id]
    if field == "weight":
        return claim.effective_weight
    if field == "credence":
        return claim.effective_credence
    return getattr(claim, field)


def _now(argmap: ArgumentMap, edit: Edit) -> str | None:
    """``weight of x → 3``: the value the edit's field has now (``None``: say it generically)."""
    if isinstance(edit, SetField | SetStance) and edit.claim in argmap.claims:
        field = edit.field if isinstance(edit, SetField) else "stance"
        if field not in ("weight", "credence", "stance", "by"):
            return None
        value = _claim_value(argmap, edit.claim, field)
        return f"{field} of {edit.claim} → {shown_value(field, value)}"
    if isinstance(edit, SetOverlay) and edit.claim in argmap.claims:
        perspective = argmap.perspectives.get(edit.perspective)
        overlay = getattr(perspective, edit.table, {}) if perspective is not None else {}
        where = f"{edit.table} of {edit.claim} in {edit.perspective} → "
        if edit.claim in overlay:
            return where + shown_value(edit.table, overlay[edit.claim])
        value = _claim_value(argmap, edit.claim, edit.table)
        return where + f"{shown_value(edit.table, value)} (the map's)"
    return None


def change_notice(verb: str, argmap: ArgumentMap, edit: Edit) -> str:
    """``Undid: credence of cheaper → 0.70`` (the value after the undo), or the edit's own
    description when it has no single value to show."""
    return f"{verb}: {_now(argmap, edit) or edit.describe()}"
