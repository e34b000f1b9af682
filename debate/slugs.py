"""Readable, stable claim ids made from claim text or titles.

Imported maps need ids, and people will read, type and diff them: ``city-should-build-tram``
says more than ``c17``. The same input always gives the same ids (no randomness, no clock,
no hashing of positions), so importing a file again gives a map that diffs cleanly against
the first import. Collisions get ``-2``, ``-3``... in the order the allocator is asked, which
importers make the order claims appear in the document.

Non-Latin text is transliterated (``anyascii``: 中国 → ``zhongguo``) rather than dropped, so
a Chinese or Greek map still gets ids a person can say out loud.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from debate.model import ID_PATTERN

MAX_SLUG_LENGTH = 40
"""Long enough to recognise a claim, short enough to type; ids may be up to 100."""

MAX_WORDS = 6
FALLBACK = "claim"

_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH, fallback: str = FALLBACK) -> str:
    """``text``'s first line as a lowercase ``words-joined-by-dashes`` id, cut at a word.

    ``"Musk's prediction: AI by 2027!"`` gives ``musks-prediction-ai-by-2027``. Text with
    nothing spellable (only punctuation, emoji names aside) gives ``fallback``.
    """
    from anyascii import anyascii

    first_line = text.strip().split("\n", 1)[0]
    ascii_text = anyascii(_APOSTROPHES.sub("", first_line)).lower()
    # anyascii writes emoji as :name:, which reads fine once the colons become dashes.
    words = [word for word in _NOT_SLUG.split(ascii_text) if word]
    slug = ""
    for word in words[:MAX_WORDS]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            if not slug:
                slug = word[:max_length]
            break
        slug = candidate
    return slug or fallback


def is_valid_id(text: str) -> bool:
    """Whether ``text`` can be used as a claim id as it is (a TOML bare key, 1-100 chars)."""
    return bool(ID_PATTERN.match(text))


class SlugAllocator:
    """Hands out unique ids: the first ``foo``, then ``foo-2``, ``foo-3``...

    ``allocate`` is deterministic in call order, so callers that allocate in document order
    get ids that stay the same when the same document is read again.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)
        self._next_suffix: dict[str, int] = {}

    def __contains__(self, slug: str) -> bool:
        return slug in self._taken

    def allocate(self, hint: str, *, keep_id: bool = False) -> str:
        """A fresh id for ``hint``.

        With ``keep_id``, a hint that already is a valid id (an Argdown title, an OPML
        ``claimId``) is kept exactly, so maps exported by debate come back with their own ids;
        otherwise (or when it is not a valid id) the hint is slugified.
        """
        base = hint if keep_id and is_valid_id(hint) else slugify(hint)
        if base not in self._taken:
            self._taken.add(base)
            return base
        suffix = self._next_suffix.get(base, 2)
        while True:
            tail = f"-{suffix}"
            candidate = base[: 100 - len(tail)] + tail
            suffix += 1
            if candidate not in self._taken:
                break
        self._next_suffix[base] = suffix
        self._taken.add(candidate)
        return candidate
