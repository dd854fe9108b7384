"""Transition tables and the one check every state change makes.

A table maps each state of a ``TextChoices`` to the states it may move to. Moving to the
state an object is already in is always allowed and changes nothing, so that a repeated
request (a double click, a retried API call) is harmless.
"""

from cloudpark.core.errors import TransitionNotAllowed


def transition_table(states, moves):
    """``moves`` (state -> states) as a table of frozensets; every state of ``states`` must
    be named, those that go nowhere with an empty set."""
    missing = set(states) - set(moves)
    extra = set(moves) - set(states)
    if missing or extra:
        names = sorted(str(state) for state in missing | extra)
        raise ValueError(f"A transition table names every state once: {names}")
    return {states(state): frozenset(states(target) for target in moves[state]) for state in moves}


def may_move(table, current, target):
    """Whether ``current`` may become ``target`` (staying where it is included)."""
    return target == current or target in table[current]


def check_transition(table, current, target, *, message=None, field=None):
    """Refuse a move that ``table`` does not allow with ``TransitionNotAllowed(message)``.

    Returns whether there is anything to do: ``False`` when ``target`` is ``current``, and
    the caller then returns without writing or logging anything.
    """
    if target == current:
        return False
    if target not in table[current]:
        raise TransitionNotAllowed(message, field=field)
    return True
