"""Light, dark and high-contrast themes. Textual itself honours NO_COLOR (everything in grey)."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="whodunit-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
    variables={
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#808080",
        "block-cursor-blurred-foreground": "#000000",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "border": "#FFFFFF",
        "border-blurred": "#808080",
        "text-muted": "#FFFFFF",
        "text-disabled": "#C0C0C0",
    },
)

# The themes the `t` key cycles through, in order.
CYCLE = ("textual-dark", "textual-light", HIGH_CONTRAST.name)
THEME_NAMES = {
    "textual-dark": "dark",
    "textual-light": "light",
    HIGH_CONTRAST.name: "high contrast",
}
