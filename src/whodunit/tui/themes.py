"""Dark, light and high-contrast themes. Textual itself honours NO_COLOR (everything in grey).

The dark and light themes are Textual's own with the colours of text changed where they were
too faint: every piece of text is at least 4.5:1 against what is behind it (WCAG AA), in full
colour and in a 256-colour terminal. tests/tui/test_playtest.py checks every screen."""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

DARK = replace(
    BUILTIN_THEMES["textual-dark"],
    name="whodunit-dark",
    error="#8A2540",
    variables={
        "block-cursor-background": "#0062AD",
        "block-cursor-foreground": "#FFFFFF",
        "text-muted": "#A6A6A6",
        "text-disabled": "#A6A6A6",
    },
)

LIGHT = replace(
    BUILTIN_THEMES["textual-light"],
    name="whodunit-light",
    error="#8A2540",
    variables={
        "footer-key-foreground": "#002D4F",
        "text-muted": "#4D4D4D",
        "text-disabled": "#4D4D4D",
    },
)

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

THEMES = (DARK, LIGHT, HIGH_CONTRAST)
# The themes the `t` key cycles through, in order; the first is the one the game starts with.
CYCLE = tuple(t.name for t in THEMES)
THEME_NAMES = {DARK.name: "dark", LIGHT.name: "light", HIGH_CONTRAST.name: "high contrast"}
