"""The rules of play: pure, deterministic, no I/O. A game is the fold of its action log."""

from .actions import Accuse, Action, Ask, Go, Hint, Present, Search, action_from_dict, action_to_dict
from .hints import next_hint, solution_path
from .notation import NotationError, format_action, parse_action
from .rules import (
    InvalidStep,
    Message,
    Outcome,
    accusation_options,
    apply,
    available_actions,
    can_accuse,
    chances_left,
    new_game,
    open_cases,
    open_places,
    open_suspects,
    open_things,
    open_topics,
    rating,
    replay,
)
from .state import GameState

__all__ = [
    "Accuse",
    "Action",
    "Ask",
    "GameState",
    "Go",
    "Hint",
    "InvalidStep",
    "Message",
    "NotationError",
    "Outcome",
    "Present",
    "Search",
    "accusation_options",
    "action_from_dict",
    "action_to_dict",
    "apply",
    "available_actions",
    "can_accuse",
    "chances_left",
    "format_action",
    "new_game",
    "next_hint",
    "open_cases",
    "open_places",
    "open_suspects",
    "open_things",
    "open_topics",
    "parse_action",
    "rating",
    "replay",
    "solution_path",
]
