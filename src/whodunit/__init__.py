"""whodunit: a terminal deduction game driven by clue packs."""

__version__ = "0.1.0"
