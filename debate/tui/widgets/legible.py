"""Component styles resolved against the widget's own background, legible in every theme.

Why: a line-API widget paints its rows with Rich styles, and Textual's partial component
styles leave theme colours such as ``$text-muted`` ("auto 60%") unresolved: they came out as
plain white, so path numbers and dimmed rows looked like the text around them. Here each
colour is composited over the background it is painted on, and the styles that carry
meaning (path numbers, tree guides, markers) are moved toward the theme's contrasting text
colour just enough to reach WCAG AA (4.5:1), so no theme, dark or light, paints them
unreadable. Terminal (ANSI) colours are left to the terminal.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.widget import Widget

AA = 4.5
"""WCAG 2 AA contrast for normal text."""

BLACK = Color(0, 0, 0)
WHITE = Color(255, 255, 255)


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(foreground: Color, background: Color) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(color: Color, background: Color, minimum: float = AA) -> Color:
    """``color`` itself when it reads on ``background`` at ``minimum`` contrast, else mixed
    toward black or white (whichever contrasts more) just far enough."""
    if color.ansi is not None or background.ansi is not None:
        return color
    if contrast(color, background) >= minimum:
        return color
    target = WHITE if contrast(WHITE, background) >= contrast(BLACK, background) else BLACK
    low, high = 0.0, 1.0
    for _ in range(16):
        middle = (low + high) / 2
        if contrast(color.blend(target, middle, 1.0), background) >= minimum:
            high = middle
        else:
            low = middle
    return color.blend(target, high, 1.0)


def component_style(widget: Widget, name: str, minimum: float | None = None) -> Style:
    """The Rich style of ``widget``'s component class ``name`` with its colours composited
    over the widget's background (``minimum``: the contrast its text must keep)."""
    styles = widget.get_component_styles(name)
    _, background = widget.background_colors
    style = widget.get_component_rich_style(name, partial=True)
    painted_on = background
    bgcolor = None
    if styles.has_rule("background") and styles.background.a > 0:
        painted_on = background + styles.background
        bgcolor = painted_on.rich_color
    if not styles.has_rule("color"):
        return style + Style(bgcolor=bgcolor) if bgcolor is not None else style
    color = styles.color
    if color.auto:
        color = painted_on.get_contrast_text(color.a)
    elif color.ansi is None:
        color = painted_on + color
    if minimum is not None:
        color = legible(color, painted_on, minimum)
    return style + Style(color=color.rich_color, bgcolor=bgcolor)
