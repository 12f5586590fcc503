"""Widgets of the investigation: status line, log, action list, evidence locker, notebook."""
