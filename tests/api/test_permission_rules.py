"""Every API action asks a named rule through the one shared mechanism (``RulePermission``
reading the viewset's ``permission_rules``), and every rule it names is registered."""

import pytest
import rules
from django.core.exceptions import ImproperlyConfigured

from cloudpark.api.base import ACTING, ANY, INPUT, OBJECT, RulePermission, RuleViewSet, rule
from cloudpark.api.urls import router


def _actions():
    """(viewset, action) for every route the router serves."""
    found = set()
    for pattern in router.urls:
        callback = pattern.callback
        viewset = getattr(callback, "cls", None)
        if getattr(callback, "actions", None) is None:
            continue  # the API root
        for action in callback.actions.values():
            found.add((viewset, action))
    return sorted(found, key=lambda pair: (pair[0].__name__, pair[1]))


ACTIONS = _actions()


def test_the_router_serves_the_capabilities_actions():
    names = {(viewset.__name__, action) for viewset, action in ACTIONS}

    assert {
        ("ApplicationViewSet", "submit"),
        ("NoticeViewSet", "publish"),
        ("DeclarationViewSet", "create"),
        ("GovernmentRoundViewSet", "destroy"),
        ("EventViewSet", "check_in"),
        ("RegistrationViewSet", "approve"),
        ("EnterpriseViewSet", "private"),
        ("ReviewCaseViewSet", "opinion"),
        ("ReviewCaseViewSet", "decide"),
    } <= names


@pytest.mark.parametrize(
    ("viewset", "action"), ACTIONS, ids=[f"{v.__name__}.{a}" for v, a in ACTIONS]
)
def test_every_action_maps_to_a_rule_through_the_shared_permission(viewset, action):
    mapped = viewset.permission_rules.get(action)

    assert issubclass(viewset, RuleViewSet)
    assert viewset.permission_classes == [RulePermission]
    assert mapped is not None, f"{viewset.__name__}.{action} maps no rule"
    assert mapped.on in {OBJECT, ACTING, ANY, INPUT}
    assert mapped.name is None or rules.perm_exists(mapped.name), mapped.name


@pytest.mark.parametrize(
    ("viewset", "action"), ACTIONS, ids=[f"{v.__name__}.{a}" for v, a in ACTIONS]
)
def test_acting_rules_belong_to_viewsets_that_act_for_an_organisation(viewset, action):
    mapped = viewset.permission_rules[action]

    assert mapped.on not in {ACTING, ANY} or viewset.acting_kinds


def test_an_action_without_a_rule_is_refused_loudly():
    class Unmapped(RuleViewSet):
        permission_rules = {"list": rule("programs.apply")}

    view = Unmapped()
    view.action = "publish"

    with pytest.raises(ImproperlyConfigured, match="Unmapped maps no rule to its action"):
        view.rule_for_action()
