"""The one safe path for untrusted text (packs, saves) on its way to a terminal.

Pack and save text is shown literally. Terminal control (ESC and 8-bit CSI sequences, other C0
and C1 controls) and bidirectional overrides are removed here; markup is never parsed because
every UI turns this text into a `rich.text.Text` rather than a markup string.
"""

from __future__ import annotations

import re

# ESC-introduced sequences (CSI, OSC up to BEL/ST, and two-character escapes), then 8-bit forms.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]?"  # other escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x90\x9d\x9e\x9f][^\x9c\x07]*[\x9c\x07]?"  # 8-bit DCS, OSC, PM, APC
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi/invisible format characters.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)


def clean(text: str) -> str:
    """Text with terminal controls and bidi overrides removed; everything else kept literally."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
