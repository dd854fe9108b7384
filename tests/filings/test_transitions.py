import pytest

from cloudpark.core.errors import TransitionNotAllowed
from cloudpark.core.states import check_transition
from cloudpark.filings import enums

TABLES = [
    (enums.PlanningState, enums.PLANNING_TRANSITIONS),
    (enums.ReleaseState, enums.RELEASE_TRANSITIONS),
    (enums.NumberStatus, enums.NUMBER_TRANSITIONS),
]
REFUSED = [
    (table, current, target)
    for states, table in TABLES
    for current in states
    for target in states
    if target != current and target not in table[current]
]


@pytest.mark.parametrize(("table", "current", "target"), REFUSED)
def test_the_transition_tables_refuse_every_pair_not_in_them(table, current, target):
    with pytest.raises(TransitionNotAllowed):
        check_transition(table, current, target)


def test_final_planning_states_go_nowhere():
    assert all(not enums.PLANNING_TRANSITIONS[state] for state in enums.PLANNING_FINAL)
