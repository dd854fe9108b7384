"""The demo's drama filings: the Zhijiang company's works in every state, reviewed by the
Zhejiang bureau, one licensed, one returned, one superseded by a rename."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.core.models import AuditEntry
from cloudpark.filings.models import IssuedNumber, PlanningFiling, ReleaseFiling
from cloudpark.reviews.models import ReviewOpinion

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_files_works_in_every_state(demo):
    states = dict(
        PlanningFiling.objects.filter(
            project__enterprise__name="杭州之江光影文化传媒有限公司"
        ).values_list("title", "state")
    )
    assert states == {
        "西溪晨光": "approved",
        "山间来信": "superseded",
        "云端来信": "approved",
        "运河人家": "returned",
        "钱塘潮声": "submitted",
        "夜行档案": "rejected",
        "雨巷": "withdrawn",
        "茶园的夏天": "draft",
    }


def test_one_work_is_licensed_by_the_zhejiang_bureau(demo):
    release = ReleaseFiling.objects.get(state="licensed")

    assert (release.title, release.licence.number, release.licence.issuer.name) == (
        "西溪晨光",
        "（浙）网微剧审字（2026）第001号",
        "浙江省广播电视局",
    )


def test_the_rename_superseded_the_first_filing_and_its_number(demo):
    old = PlanningFiling.objects.get(title="山间来信")
    renamed = PlanningFiling.objects.get(title="云端来信")

    assert (renamed.supersedes_id, old.numbers.get().status) == (old.pk, "superseded")
    assert IssuedNumber.objects.filter(planning=renamed, status="valid").count() == 1


def test_the_key_series_waits_for_the_national_re_review_and_the_panel_gave_opinions(demo):
    key = PlanningFiling.objects.get(title="钱塘潮声")

    assert (key.tier, key.review_case.stage_key, key.review_case.reviewing_organization.name) == (
        "key",
        "national_review",
        "国家广播电视总局",
    )
    assert ReviewOpinion.objects.filter(case=key.review_case).count() == 1


def test_every_filing_write_is_in_the_audit_log(demo):
    actions = Counter(
        AuditEntry.objects.filter(action__startswith="filings.").values_list("action", flat=True)
    )

    assert actions == {
        # Eight works, one of them a rename; two release filings.
        "filings.planning.created": 8,
        "filings.planning.submitted": 7,
        "filings.planning.passed_on": 2,
        "filings.planning.approved": 3,
        "filings.planning.returned": 1,
        "filings.planning.rejected": 1,
        "filings.planning.withdrawn": 1,
        "filings.planning.superseded": 1,
        "filings.release.created": 2,
        "filings.release.submitted": 2,
        "filings.release.licensed": 1,
        # The co-production contracts of the returned series and the key series.
        "filings.material.attached": 2,
        # Three planning numbers and a licence, and the renamed work's first number.
        "filings.number.issued": 4,
        "filings.number.superseded": 1,
        # The renamed work's film, and the bureau's three time-coded comments on it.
        "filings.cut.attached": 1,
        "filings.comment.given": 3,
    }


def test_the_renamed_works_film_is_in_the_screening_room_with_two_reviewers_comments(demo):
    release = ReleaseFiling.objects.get(title="云端来信")
    cut = release.cuts.get()

    assert (release.state, release.review_case.reviewing_organization.name) == (
        "submitted",
        "浙江省广播电视局",
    )
    assert cut.file.read(4) == b"\x1a\x45\xdf\xa3"
    assert cut.size < 200 * 1024
    assert cut.duration_seconds == 20
    authors = set(release.timed_comments.values_list("author__email", flat=True))
    assert authors == {"reviewer@demo.cloudpark.cn", "gov@demo.cloudpark.cn"}
