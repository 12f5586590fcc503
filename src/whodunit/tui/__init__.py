"""The Textual UI: screens, widgets and styles. It shows engine state and sends actions; it holds
no rules of its own. Modules that need the pack or the engine import them lazily, so that the
title screen comes up as fast as a bare Textual app."""
