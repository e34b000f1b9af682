"""Every key binding of the app, each with an ``id`` so users can remap it.

Bindings are declared here rather than scattered over the widgets so that the help screen
can list every key (with the user's remappings applied) in sections, and so that the ids,
which are the names users write in their config file, are easy to find in one place.

The map's keys are priority bindings: Textual runs them as it reads each key, before it
reads the next, so a key typed fast after one that moves focus (``/``, a dialog's key) goes
where focus went instead of to the tree. A text field still gets the printable keys typed
into it (Textual leaves out bindings for keys a focused ``Input`` consumes), and the map
screen turns its other keys off while the search bar has focus.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

WEIGHT = Binding.Group("weight ", compact=True)


HELP: dict[str, str] = {}
"""binding id -> the longer description the help screen shows."""


@dataclass(frozen=True)
class KeyInfo:
    binding_id: str
    keys: str
    description: str
    section: str


SECTIONS: dict[str, str] = {}
"""binding id -> help section."""

PALETTE: dict[str, str] = {}
"""binding id -> the help line under it in the command palette, for the bindings that are
also palette commands (named there by their description)."""


def bind(
    binding_id: str,
    keys: str,
    action: str,
    description: str,
    section: str,
    *,
    show: bool = False,
    group: Binding.Group | None = None,
    priority: bool = True,
    short: str | None = None,
    palette: bool = False,
    palette_help: str = "",
) -> Binding:
    """A binding with an id; ``short`` is the footer's label when ``description`` is long.

    ``palette`` also lists it in the command palette (ctrl+p) under its description, with
    ``palette_help`` as the line below.
    """
    SECTIONS[binding_id] = section
    HELP[binding_id] = description
    if palette:
        PALETTE[binding_id] = palette_help
    return Binding(
        keys,
        action,
        short or description,
        show=show,
        id=binding_id,
        group=group,
        priority=priority,
    )


NAV = "Navigate"
WEIGH = "Weigh"
EDIT = "Annotate and edit"
FILE = "File and app"
CLIPBOARD = "to the clipboard (OSC 52)"

TREE_BINDINGS: list[BindingType] = [
    bind("cursor-down", "j,down", "cursor_down", "Down", NAV),
    bind("cursor-up", "k,up", "cursor_up", "Up", NAV),
    bind("collapse", "h,left", "collapse_or_parent", "Collapse, else go to parent", NAV),
    bind("expand", "l,right", "expand_or_child", "Expand, else go to first child", NAV),
    bind("toggle", "enter,space", "toggle_claim", "Expand or collapse", NAV),
    bind("top", "g,home", "top", "First claim (gg)", NAV),
    bind("bottom", "G,end", "bottom", "Last claim", NAV),
    bind("page-down", "pagedown,ctrl+d", "page_down", "Page down", NAV),
    bind("page-up", "pageup,ctrl+u", "page_up", "Page up", NAV),
    bind(
        "expand-all",
        "E",
        "expand_all",
        "Expand all",
        NAV,
        palette=True,
        palette_help="every claim visible",
    ),
    bind("collapse-all", "C", "collapse_all", "Collapse all", NAV, palette=True),
    bind("expand-level", "z", "level_prompt", "Expand to level N (z then 1-9)", NAV),
    bind("parent", "p", "parent", "Go to parent", NAV),
    bind("root", "P", "root", "Go to the root of this tree", NAV),
    bind("next-sibling", "right_square_bracket", "next_sibling", "Next sibling", NAV),
    bind("previous-sibling", "left_square_bracket", "previous_sibling", "Previous sibling", NAV),
]

ARGUMENT_MAP_BINDINGS: list[BindingType] = [
    bind("map-up", "k,up", "up", "Map: up to the parent's box", NAV),
    bind("map-down", "j,down", "down", "Map: down to a child's box", NAV),
    bind("map-left", "h,left", "side(-1)", "Map: the box on the left (or previous sibling)", NAV),
    bind("map-right", "l,right", "side(1)", "Map: the box on the right (or next sibling)", NAV),
    bind("map-centre", "enter", "recentre", "Map: centre on the selected claim", NAV),
    bind("map-zoom-out", "greater_than_sign", "zoom(1)", "Map: show one more level", NAV),
    bind("map-zoom-in", "less_than_sign", "zoom(-1)", "Map: show one level fewer", NAV),
]

MAP_BINDINGS: list[BindingType] = [
    bind("help", "question_mark,f1", "app.help", "Help", FILE, show=True),
    bind(
        "toggle-map",
        "M",
        "toggle_map",
        "Map view ↔ outline",
        NAV,
        palette=True,
        palette_help="boxes and arrows around the current claim",
    ),
    bind("search", "slash", "search", "Search", NAV, show=True),
    bind("next-match", "n", "next_match", "Next match", NAV),
    bind("previous-match", "N", "previous_match", "Previous match", NAV),
    bind("follow-link", "f", "follow_link", "Follow a see-also link", NAV),
    bind("back", "backspace,ctrl+o", "back", "Back to where you jumped from", NAV),
    bind("tag-filter", "number_sign", "tag_filter", "Show only claims with a tag", NAV),
    bind("by-filter", "b", "by_filter", "Highlight the claims of one holder (by)", NAV),
    bind("filter-mode", "F", "filter_mode", "Filter: highlight ↔ show only", NAV),
    bind("clear", "escape", "clear", "Clear search and filter", NAV, palette=True),
    bind("toggle-detail", "D", "toggle_detail", "Hide or show the detail pane", NAV),
    bind("detail-down", "shift+down", "scroll_detail(1)", "Scroll the detail pane down", NAV),
    bind("detail-up", "shift+up", "scroll_detail(-1)", "Scroll the detail pane up", NAV),
    bind("weight-0", "0", "weight(0)", "Weight 0", WEIGH, show=True, group=WEIGHT),
    bind("weight-1", "1", "weight(1)", "Weight 1", WEIGH, show=True, group=WEIGHT),
    bind("weight-2", "2", "weight(2)", "Weight 2", WEIGH, show=True, group=WEIGHT),
    bind("weight-3", "3", "weight(3)", "Weight 3", WEIGH, show=True, group=WEIGHT),
    bind("weight-4", "4", "weight(4)", "Weight 4", WEIGH, show=True, group=WEIGHT),
    bind("credence-up", "plus,equals_sign", "credence(1)", "Credence +0.05", WEIGH),
    bind("credence-down", "minus,underscore", "credence(-1)", "Credence −0.05", WEIGH),
    bind("stance", "s", "cycle_stance", "Cycle stance pro → con → part", WEIGH),
    bind("perspective", "w", "perspective", "Switch perspective", WEIGH),
    bind(
        "compare",
        "W",
        "compare",
        "Compare perspectives",
        WEIGH,
        palette=True,
        palette_help="root verdicts side by side",
    ),
    bind(
        "crux",
        "X",
        "crux",
        "What decides this verdict (cruxes, what would flip it)",
        WEIGH,
        palette=True,
        palette_help="the claims that decide the root's verdict, and the smallest flip",
    ),
    bind(
        "keep-trial",
        "T",
        "keep_trial",
        "Keep the trial as a named perspective",
        WEIGH,
        palette=True,
        palette_help="a tried flip is never saved otherwise",
    ),
    bind("note", "m", "note", "Add a note", EDIT, show=True, short="Note"),
    bind("tags", "t", "tags", "Edit tags", EDIT),
    bind("cite", "c", "cite", "Cite a source with a quote", EDIT),
    bind("link", "L", "link", "Add a see-also link", EDIT),
    bind("remove", "r", "remove", "Remove a note, citation or link", EDIT),
    bind("add-child", "a", "add_child", "Add a child claim", EDIT, show=True, short="Add"),
    bind("add-sibling", "A", "add_sibling", "Add a sibling claim", EDIT),
    bind("edit-text", "i", "edit_text", "Edit the claim's text", EDIT),
    bind("delete", "d", "delete", "Delete the claim or its subtree", EDIT),
    bind("cut", "x", "cut", "Cut (to move)", EDIT),
    bind("paste", "v", "paste", "Paste the cut claim under this one", EDIT),
    bind("move-up", "K", "move(-1)", "Move up among siblings", EDIT),
    bind("move-down", "J", "move(1)", "Move down among siblings", EDIT),
    bind("undo", "u,ctrl+z", "undo", "Undo", EDIT, show=True, palette=True),
    bind("redo", "ctrl+r,ctrl+y", "redo", "Redo", EDIT, palette=True),
    bind("editor", "e", "editor", "Open $EDITOR at this claim", FILE, palette=True),
    bind(
        "save",
        "ctrl+s",
        "save",
        "Save",
        FILE,
        show=True,
        palette=True,
        palette_help="write the map (comments kept)",
    ),
    bind(
        "save-as",
        "S",
        "save_as",
        "Save as…",
        FILE,
        palette=True,
        palette_help="write the map to another file and keep editing that one",
    ),
    bind(
        "copy-text",
        "y",
        "copy_claim_text",
        "Copy the claim's text",
        FILE,
        palette=True,
        palette_help=CLIPBOARD,
    ),
    bind(
        "copy-id",
        "Y",
        "copy_claim_id",
        "Copy the claim's id",
        FILE,
        palette=True,
        palette_help=CLIPBOARD,
    ),
    bind("quit", "q", "app.quit", "Quit", FILE, show=True),
]

APP_BINDINGS: list[BindingType] = [
    bind("theme", "ctrl+t", "change_theme", "Choose a theme", FILE, priority=False),
]
"""Not priority: a priority binding of the app would act on every screen, dialogs included."""

CHORDS: list[KeyInfo] = [
    KeyInfo("", "g g", "First claim", NAV),
    KeyInfo("", "z 1…9", "Expand every tree to that level", NAV),
    KeyInfo("", "ctrl+p", "Command palette: jump to a claim, run any command", FILE),
    KeyInfo("", "mouse", "Click a claim to select it, again to expand; wheel scrolls", NAV),
]


def all_bindings() -> list[Binding]:
    return [
        b
        for b in (*TREE_BINDINGS, *ARGUMENT_MAP_BINDINGS, *MAP_BINDINGS, *APP_BINDINGS)
        if isinstance(b, Binding)
    ]


def key_table(keymap: dict[str, str]) -> list[KeyInfo]:
    """Every binding with the keys it has after the user's remappings."""
    rows = [
        KeyInfo(
            binding.id or "",
            keymap.get(binding.id or "", binding.key),
            HELP.get(binding.id or "", binding.description),
            SECTIONS.get(binding.id or "", FILE),
        )
        for binding in all_bindings()
    ]
    order = {section: index for index, section in enumerate((NAV, WEIGH, EDIT, FILE))}
    return sorted(rows + CHORDS, key=lambda info: order.get(info.section, len(order)))


KNOWN_IDS = frozenset(binding.id for binding in all_bindings() if binding.id)
