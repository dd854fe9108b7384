"""Policies and programmes: creation, their rules and application form as data, the budget,
and inviting the enterprises that qualify."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cloudpark.core.errors import DomainError
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.programs import services
from cloudpark.programs.enums import Combinator, ProgrammeType, RuleKind
from cloudpark.programs.models import EligibilityRule, Invitation, Programme
from tests.factories import (
    EligibilityRuleFactory,
    EnterpriseFactory,
    PolicyAttachmentFactory,
    ProgrammeFactory,
)
from tests.factories.programs import admin_of, approved

pytestmark = pytest.mark.django_db


def test_a_policy_and_a_programme_are_created_with_audit(government, people):
    policy = services.create_policy(
        government,
        actor=people["chief"],
        title="关于加快推进大视听产业高质量发展的实施意见",
        issuer_name="浙江省人民政府办公厅",
        document_number="浙政办发〔2024〕24号",
        issued_on="2024-07-01",
        full_text="全文",
        is_published=True,
    )

    programme = services.create_programme(
        policy,
        actor=people["chief"],
        title="大视听产业发展专项资金",
        programme_type=ProgrammeType.FUNDING,
        budget=Decimal("5000000"),
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=30),
        is_published=True,
    )

    assert programme.issuer_id == government.pk
    assert list(
        AuditEntry.objects.filter(action__startswith="programs.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "programs.policy.created",
        "programs.programme.created",
    ]


def test_a_window_that_closes_before_it_opens_is_refused(policy, people):
    with pytest.raises(DomainError, match="must close after they open") as refused:
        services.create_programme(
            policy,
            actor=people["chief"],
            title="错误窗口",
            programme_type=ProgrammeType.PUBLICITY,
            budget=Decimal("0"),
            opens_at=timezone.now(),
            closes_at=timezone.now() - timedelta(days=1),
        )

    assert refused.value.field == "closes_at"
    assert not Programme.objects.exists()


def test_the_budget_cannot_go_below_what_is_approved(programme, enterprise, people):
    approved(programme, enterprise, amount=Decimal("150000"))

    with pytest.raises(DomainError, match="150,000 yuan is already approved"):
        services.update_programme(programme, actor=people["chief"], budget=Decimal("100000"))

    assert Programme.objects.get(pk=programme.pk).budget == Decimal("1000000.00")


def test_rules_are_replaced_as_a_set_and_audited(programme, people):
    EligibilityRuleFactory(programme=programme)

    services.set_rules(
        programme,
        [
            (RuleKind.CATEGORY_IN, {"codes": ["02", "022"]}),
            (RuleKind.STAFF_BETWEEN, {"min": "10", "max": ""}),
        ],
        combinator=Combinator.ANY,
        actor=people["chief"],
    )

    assert list(
        EligibilityRule.objects.filter(programme=programme).values_list("kind", "params")
    ) == [
        ("category_in", {"codes": ["02", "022"]}),
        ("staff_between", {"min": 10, "max": None}),
    ]
    programme.refresh_from_db()
    assert programme.combinator == Combinator.ANY
    assert AuditEntry.objects.filter(action="programs.programme.rules_changed").count() == 1


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ((RuleKind.CATEGORY_IN, {"codes": ["099"]}), "No industry category has the code 099."),
        ((RuleKind.HAS_TAG, {"tag": "unicorn"}), "No qualification has the key unicorn."),
        ((RuleKind.FOUNDED_BEFORE, {"date": "soon"}), "do not fit the rule"),
    ],
)
def test_rules_naming_what_does_not_exist_are_refused(programme, people, rule, message):
    EligibilityRuleFactory(programme=programme)

    with pytest.raises(DomainError, match=message):
        services.set_rules(programme, [rule], combinator=Combinator.ALL, actor=people["chief"])

    assert list(EligibilityRule.objects.values_list("kind", flat=True)) == ["resident_in_zone"]


def programme_as_stored(programme):
    programme = Programme.objects.get(pk=programme.pk)
    return (
        programme.title,
        programme.budget,
        programme.combinator,
        list(programme.rules.values_list("kind", "params")),
        programme.required_materials,
        AuditEntry.objects.count(),
    )


def test_a_programme_is_saved_with_its_rules_and_form_in_one_step(programme, people):
    services.save_programme(
        programme,
        actor=people["chief"],
        values={"title": "新标题"},
        rules=[(RuleKind.STAFF_BETWEEN, {"min": 5})],
        combinator=Combinator.ANY,
        materials=[{"key": "licence", "label_zh": "营业执照"}],
    )

    programme.refresh_from_db()
    assert (programme.title, programme.combinator) == ("新标题", Combinator.ANY)
    assert list(programme.rules.values_list("kind", "params")) == [
        ("staff_between", {"min": 5, "max": None})
    ]
    assert [item["key"] for item in programme.required_materials] == ["licence"]
    assert programme.form_fields[0]["key"] == "project"


@pytest.mark.parametrize(
    "change",
    [
        {"rules": [(RuleKind.HAS_TAG, {"tag": "unicorn"})]},
        {"materials": [{"key": "plan"}, {"key": "plan"}]},
    ],
)
def test_a_refused_part_leaves_the_whole_programme_as_it_was(programme, people, change):
    EligibilityRuleFactory(programme=programme)
    before = programme_as_stored(programme)

    with pytest.raises(DomainError):
        services.save_programme(
            programme,
            actor=people["chief"],
            values={"title": "半途而废", "budget": Decimal("2000000")},
            combinator=Combinator.ANY,
            **change,
        )

    assert programme_as_stored(programme) == before


def test_a_new_programme_with_a_refused_rule_is_not_created(policy, people):
    with pytest.raises(DomainError, match=re.escape("No qualification has the key unicorn.")):
        services.save_programme(
            policy=policy,
            actor=people["chief"],
            values={
                "title": "新计划",
                "programme_type": ProgrammeType.PUBLICITY,
                "budget": Decimal("0"),
                "opens_at": timezone.now(),
                "closes_at": timezone.now() + timedelta(days=30),
            },
            rules=[(RuleKind.HAS_TAG, {"tag": "unicorn"})],
        )

    assert not Programme.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="programs.programme").exists()


def test_the_application_form_is_checked(programme, people):
    with pytest.raises(DomainError, match=re.escape("Each key is used once; repeated: plan.")):
        services.set_application_form(
            programme,
            materials=[
                {"key": "plan", "label_zh": "计划书", "required": True},
                {"key": "plan", "label_zh": "计划书二", "required": True},
            ],
            form_fields=[],
            actor=people["chief"],
        )

    with pytest.raises(DomainError, match="offers choices: list them"):
        services.set_application_form(
            programme,
            materials=[],
            form_fields=[{"key": "genre", "label_zh": "类型", "kind": "choice", "choices": []}],
            actor=people["chief"],
        )

    programme.refresh_from_db()
    assert [item["key"] for item in programme.required_materials] == ["plan", "finance"]


def test_a_choice_question_takes_only_its_choices(programme, enterprise, people):
    services.set_application_form(
        programme,
        materials=[],
        form_fields=[
            {
                "key": "genre",
                "label_zh": "类型",
                "label_en": "Genre",
                "kind": "choice",
                "required": True,
                "choices": [{"value": "drama", "label_zh": "剧集", "label_en": "Drama"}],
            }
        ],
        actor=people["chief"],
    )

    with pytest.raises(DomainError, match="Choose one of the offered answers for “Genre”"):
        services.draft_application(
            programme, enterprise, actor=people["applicant"], answers={"genre": "opera"}
        )

    application = services.draft_application(
        programme, enterprise, actor=people["applicant"], answers={"genre": "drama"}
    )
    assert application.answer_rows == [("Genre", "Drama")]


def test_only_qualifying_enterprises_are_invited_and_only_once(programme, park, people):
    EligibilityRuleFactory(programme=programme, kind=RuleKind.STAFF_BETWEEN, params={"min": 50})
    big = EnterpriseFactory(park=park, staff_count=80)
    small = EnterpriseFactory(park=park, staff_count=5)
    big_admin = admin_of(big)
    admin_of(small)

    first = services.invite_enterprises(programme, [big, small], actor=people["chief"])
    again = services.invite_enterprises(programme, [big, small], actor=people["chief"])

    assert [invitation.enterprise for invitation in first] == [big]
    assert again == []
    assert list(Invitation.objects.values_list("enterprise", flat=True)) == [big.pk]
    notification = Notification.objects.get(kind="programs.invited")
    assert notification.recipient == big_admin
    assert notification.url == f"/enterprise/programmes/{programme.pk}/"


def test_a_closed_programme_sends_no_invitations(policy, park, people, media_root):
    programme = ProgrammeFactory(
        policy=policy,
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )

    with pytest.raises(DomainError, match="has not closed yet"):
        services.invite_enterprises(programme, [EnterpriseFactory(park=park)], actor=None)

    assert not Invitation.objects.exists()


def test_a_policy_attachment_is_checked_like_any_material(policy):
    attachment = PolicyAttachmentFactory(policy=policy)

    assert (attachment.original_name, attachment.size > 0) == ("意见全文.pdf", True)
    assert AuditEntry.objects.filter(action="programs.policy.attachment_added").count() == 1
