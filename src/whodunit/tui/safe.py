"""The one path from pack or save text to the screen.

Textual parses markup in strings given to Label, Static, Button, notify and option lists, and
passes terminal escape sequences through. Every piece of pack text is therefore turned into a
`rich.text.Text` here, after `whodunit.text.clean` has removed terminal controls: a `Text` is
never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..text import clean

if TYPE_CHECKING:
    from textual.app import App

Part = str | tuple[str, str] | Text


def literal(*parts: Part, style: str = "") -> Text:
    """Literal text from pieces of untrusted text, each optionally with a style of our own.

    `literal("Go to ", (place.name, "bold"))` shows the name in bold and never interprets it.
    """
    out = Text(style=style)
    for part in parts:
        if isinstance(part, Text):
            out.append_text(part)
        elif isinstance(part, tuple):
            out.append(clean(part[0]), style=part[1])
        else:
            out.append(clean(part))
    return out


def plain(text: str) -> str:
    """Cleaned text for places that take a plain string and are told not to parse markup."""
    return clean(text)


def notify(
    app: App,
    message: str,
    *,
    title: str = "",
    severity: str = "information",
    timeout: float | None = None,
) -> None:
    """A toast whose message and title are shown literally."""
    app.notify(
        clean(message),
        title=clean(title),
        severity=severity,  # type: ignore[arg-type]
        timeout=timeout,
        markup=False,
    )
