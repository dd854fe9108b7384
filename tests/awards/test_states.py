"""Every transition table of the awards refuses every move it does not name."""

from itertools import product

import pytest

from cloudpark.awards import enums
from cloudpark.core.errors import TransitionNotAllowed
from cloudpark.core.states import check_transition

TABLES = {
    "scheme": (enums.SchemeState, enums.SCHEME_TRANSITIONS),
    "round": (enums.RoundState, enums.ROUND_TRANSITIONS),
    "entry": (enums.EntryState, enums.ENTRY_TRANSITIONS),
    "assignment": (enums.AssignmentState, enums.ASSIGNMENT_TRANSITIONS),
    "objection": (enums.ObjectionState, enums.OBJECTION_TRANSITIONS),
    "certificate": (enums.CertificateStatus, enums.CERTIFICATE_TRANSITIONS),
}
PAIRS = [
    (name, state, target)
    for name, (states, _table) in TABLES.items()
    for state, target in product(states, repeat=2)
]


@pytest.mark.parametrize(("name", "state", "target"), PAIRS, ids=str)
def test_the_transition_table_refuses_every_pair_not_in_it(name, state, target):
    table = TABLES[name][1]
    allowed = target == state or target in table[state]

    try:
        check_transition(table, state, target)
        refused = False
    except TransitionNotAllowed:
        refused = True

    assert refused is not allowed


def test_final_entry_states_lead_nowhere_but_a_disqualification():
    ends = {
        state: enums.ENTRY_TRANSITIONS[state]
        for state in (
            enums.EntryState.INELIGIBLE,
            enums.EntryState.AWARDED,
            enums.EntryState.NOT_AWARDED,
            enums.EntryState.WITHDRAWN,
            enums.EntryState.DISQUALIFIED,
        )
    }

    assert ends == {
        enums.EntryState.INELIGIBLE: frozenset(),
        enums.EntryState.AWARDED: frozenset({enums.EntryState.DISQUALIFIED}),
        enums.EntryState.NOT_AWARDED: frozenset(),
        enums.EntryState.WITHDRAWN: frozenset(),
        enums.EntryState.DISQUALIFIED: frozenset(),
    }


def test_a_certificate_once_revoked_stays_revoked():
    assert enums.CERTIFICATE_TRANSITIONS[enums.CertificateStatus.REVOKED] == frozenset()
