"""The demo loader: what one run writes, and that a second run writes nothing."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.accounts.models import User
from cloudpark.core import validators
from cloudpark.core.models import AuditEntry
from cloudpark.demo.data import DEMO_PASSWORD
from cloudpark.demo.loader import load_demo
from cloudpark.orgs import selectors
from cloudpark.orgs.models import (
    Enterprise,
    EnterpriseYear,
    GovernmentBody,
    IndustryCategory,
    Membership,
    Organization,
    Park,
    ParkResidence,
)
from cloudpark.reviews.models import ReviewCase

pytestmark = pytest.mark.django_db


TODAY = date(2026, 6, 30)
ADMINISTRATION = "国家广播电视总局"
BUREAU = "浙江省广播电视局"
OFFICE = "国家文化产业创新实验区协调办公室"
ZONE = "国家文化产业创新实验区"
ZHIJIANG = "中国（之江）视听创新创业基地"
PRODUCER = "杭州之江光影文化传媒有限公司"
SERVICES = "杭州艺创视听公共服务有限公司"
FIRST_PROVINCIAL_BATCH = "浙江省第一批省级广播电视和网络视听产业基地（园区）"


def row_counts():
    models = (Organization, Enterprise, EnterpriseYear, ParkResidence, Membership, User)
    return {model.__name__: model.objects.count() for model in (*models, AuditEntry)}


def test_a_second_run_writes_nothing(demo):
    counts = row_counts()

    second_run = load_demo(today=TODAY)

    assert (demo, second_run) == (True, False)
    assert row_counts() == counts
    assert counts["Enterprise"] >= 200


def test_parks_and_government_bodies(demo):
    zhijiang = Park.objects.get(name=ZHIJIANG)
    administration = GovernmentBody.objects.get(name=ADMINISTRATION)
    assert Park.objects.count() == 14
    assert Park.objects.filter(level="provincial", batch=FIRST_PROVINCIAL_BATCH).count() == 12
    assert Park.objects.get(name=ZONE).level == "national"
    assert (zhijiang.level, zhijiang.approved_on, zhijiang.region.code) == (
        "national",
        date(2020, 12, 23),
        "330106",
    )
    assert {body.name: body.jurisdiction.count() for body in GovernmentBody.objects.all()} == {
        ADMINISTRATION: 1,
        BUREAU: 13,
        OFFICE: 1,
    }
    assert GovernmentBody.objects.get(name=BUREAU).parent == administration
    assert selectors.parks_in_care_of(administration).count() == 13


def test_enterprises_are_complete_and_valid(demo):
    enterprises = Enterprise.objects.all()
    for code in enterprises.values_list("credit_code", flat=True):
        validators.validate_credit_code(code)
    assert enterprises.count() >= 200
    assert enterprises.filter(park__isnull=True).count() == 16
    assert IndustryCategory.objects.filter(level="mid", enterprises__isnull=True).count() == 0
    assert EnterpriseYear.objects.values("enterprise").distinct().count() > 150
    assert ParkResidence.objects.filter(ended_on__isnull=False).count() == 6
    assert {
        "Park": set(Park.objects.values_list("kind", flat=True)),
        "GovernmentBody": set(GovernmentBody.objects.values_list("kind", flat=True)),
        "Enterprise": set(enterprises.values_list("kind", flat=True)),
    } == {"Park": {"park"}, "GovernmentBody": {"government"}, "Enterprise": {"enterprise"}}


def test_every_write_is_in_the_audit_log(demo):
    # The events' own entries are counted in tests/events/test_demo.py, the programmes' (and
    # their review cases') in tests/programs/test_demo.py, the jobs' (and theirs) in
    # tests/jobs/test_demo.py, the news' in tests/news/test_demo.py, the drama filings' (and
    # theirs) in tests/filings/test_demo.py, the awards' in tests/awards, the finance's in
    # tests/finance/test_demo.py, and the benefits', supply and demand's and copyright's in
    # their own test_demo.py.
    actions = (
        AuditEntry.objects.exclude(action__startswith="events.")
        .exclude(action__startswith="programs.")
        .exclude(action__startswith="jobs.")
        .exclude(action__startswith="news.")
        .exclude(action__startswith="filings.")
        .exclude(action__startswith="awards.")
        .exclude(action__startswith="finance.")
        .exclude(action__startswith="benefits.")
        .exclude(action__startswith="market.")
        .exclude(action__startswith="copyright.")
    )
    actions = actions.exclude(
        action__startswith="reviews.",
        object_id__in=[
            str(pk)
            for pk in ReviewCase.objects.filter(
                flow_key__in=[
                    "programs.application",
                    "news.article",
                    "news.clarification",
                    "news.disclosure",
                    "filings.planning",
                    "filings.release",
                    "awards.entry",
                    "jobs.posting",
                ]
            ).values_list("pk", flat=True)
        ],
    )
    assert Counter(actions.values_list("action", flat=True)) == {
        "orgs.enterprise.created": Enterprise.objects.count(),
        "orgs.enterprise.admitted": ParkResidence.objects.count(),
        "orgs.enterprise.released": 6,
        # The demo accounts' memberships (the banker's and the fitness centre's manager's among
        # them), and the awards' insider juror's.
        "orgs.membership.added": 12,
        # The accreditation story: three rounds, fourteen declarations of four materials each
        # (one passed on to the national review, thirteen approved, one returned for a missing
        # report, which the park then attaches and resubmits), one annual review.
        "bases.round.opened": 3,
        "bases.declaration.drafted": 14,
        "bases.declaration.material_attached": 57,
        "bases.declaration.submitted": 14,
        "bases.declaration.passed_on": 1,
        "bases.declaration.approved": 13,
        "bases.declaration.returned": 1,
        "bases.declaration.resubmitted": 1,
        "bases.park.accredited": 13,
        "bases.annual_review.submitted": 1,
        "bases.annual_review.decided": 1,
        "reviews.case.submitted": 14,
        "reviews.case.opinion_recorded": 13,
        "reviews.case.advanced": 1,
        "reviews.case.approved": 13,
        "reviews.case.returned": 1,
        "reviews.case.resubmitted": 1,
        # The individual's two API tokens, the older one revoked.
        "accounts.api_token.created": 2,
        "accounts.api_token.revoked": 1,
    }


def test_one_account_per_portal_role(demo):
    memberships = set(
        Membership.objects.values_list(
            "user__email", "organization__kind", "organization__name", "role"
        )
    )
    accounts = {
        user.email: (user.is_superuser, user.check_password(DEMO_PASSWORD))
        # People of the demo who never sign in (job seekers, the awards' jurors) have no
        # password.
        for user in User.objects.all()
        if user.has_usable_password()
    }
    assert memberships == {
        ("gov@demo.cloudpark.cn", "government", BUREAU, "admin"),
        ("reviewer@demo.cloudpark.cn", "government", BUREAU, "reviewer"),
        ("zone@demo.cloudpark.cn", "government", OFFICE, "admin"),
        ("park@demo.cloudpark.cn", "park", ZHIJIANG, "admin"),
        ("park@demo.cloudpark.cn", "enterprise", SERVICES, "staff"),
        ("park-staff@demo.cloudpark.cn", "park", ZHIJIANG, "staff"),
        ("enterprise@demo.cloudpark.cn", "enterprise", PRODUCER, "admin"),
        ("enterprise-staff@demo.cloudpark.cn", "enterprise", PRODUCER, "staff"),
        ("nrta@demo.cloudpark.cn", "government", ADMINISTRATION, "admin"),
        # A juror of the awards story, kept off his own enterprise's works.
        ("juror.insider@demo.cloudpark.cn", "enterprise", PRODUCER, "staff"),
        # The loan officer of the finance centre's bank, at the desk of My Cloud Park.
        ("bank@demo.cloudpark.cn", "other", "钱塘文化产业银行转塘支行", "admin"),
        # The manager of a service partner the base admitted, at its benefits desk.
        ("partner@demo.cloudpark.cn", "other", "艺创小镇健身中心", "admin"),
    }
    assert accounts == {
        "admin@demo.cloudpark.cn": (True, True),
        "gov@demo.cloudpark.cn": (False, True),
        "reviewer@demo.cloudpark.cn": (False, True),
        "zone@demo.cloudpark.cn": (False, True),
        "park@demo.cloudpark.cn": (False, True),
        "park-staff@demo.cloudpark.cn": (False, True),
        "enterprise@demo.cloudpark.cn": (False, True),
        "enterprise-staff@demo.cloudpark.cn": (False, True),
        "nrta@demo.cloudpark.cn": (False, True),
        "person@demo.cloudpark.cn": (False, True),
        "bank@demo.cloudpark.cn": (False, True),
        "partner@demo.cloudpark.cn": (False, True),
    }
    jurors = ("chair", "juror-2", "juror-3", "juror-4", "juror-5", "juror.insider")
    assert not any(
        User.objects.get(email=f"{key}@demo.cloudpark.cn").has_usable_password() for key in jurors
    )
    assert Enterprise.objects.get(name=PRODUCER).park.name == ZHIJIANG
