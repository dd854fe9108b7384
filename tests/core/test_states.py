import pytest
from django.db import models
from django.utils import translation

from cloudpark.core import states
from cloudpark.core.errors import TransitionNotAllowed


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    OFF = "off", "Off"


TABLE = states.transition_table(
    Light, {Light.RED: {Light.GREEN, Light.OFF}, Light.GREEN: {Light.RED}, Light.OFF: set()}
)


def test_a_table_holds_frozensets_keyed_by_every_state():
    expected = {
        Light.RED: frozenset({Light.GREEN, Light.OFF}),
        Light.GREEN: frozenset({Light.RED}),
        Light.OFF: frozenset(),
    }

    assert expected == TABLE


def test_a_table_must_name_every_state():
    with pytest.raises(ValueError, match="off"):
        states.transition_table(Light, {Light.RED: {Light.GREEN}, Light.GREEN: set()})


def test_an_allowed_move_is_something_to_do():
    assert states.check_transition(TABLE, "red", Light.GREEN) is True


def test_moving_to_the_current_state_is_allowed_and_does_nothing():
    assert [states.check_transition(TABLE, state, state) for state in Light] == [False] * 3


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (current, target)
        for current in Light
        for target in Light
        if target != current and target not in TABLE[current]
    ],
)
def test_every_move_outside_the_table_is_refused(current, target):
    with pytest.raises(TransitionNotAllowed) as caught:
        states.check_transition(TABLE, current, target, message="No.", field="status")

    assert (str(caught.value), caught.value.field) == ("No.", "status")
    assert states.may_move(TABLE, current, target) is False


def test_a_refusal_without_a_message_says_the_step_is_not_possible():
    with (
        translation.override("en"),
        pytest.raises(TransitionNotAllowed, match="not possible in the current state"),
    ):
        states.check_transition(TABLE, Light.OFF, Light.RED)
