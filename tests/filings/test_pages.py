import pytest
from django.urls import reverse
from django.utils import timezone

from cloudpark.filings import enums, services
from cloudpark.filings.models import PlanningFiling
from tests.factories.bases import pdf
from tests.factories.filings import (
    approved_planning,
    chinese_text,
    draft_planning,
    filing_world,
    licensed_release,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return filing_world()


def filing_form(world, **overrides):
    data = {
        "title": "《ＡＩ时代的江南》",
        "kind": "series",
        "era": "contemporary",
        "subject": "urban",
        "episodes": "2",
        "minutes_per_episode": "45",
        "planned_investment": "200",
        "shoot_starts_on": "2026-03-01",
        "shoot_ends_on": "2026-06-30",
        "synopsis": chinese_text(1500),
        "themes": chinese_text(300),
        "episode_synopses": f"{chinese_text(500)}\n{chinese_text(500)}",
        "producers": f"{world.enterprise.credit_code} | （浙）字第01234号 | 2030-12-31",
        "people": "\n".join(
            [
                "writer | 林一鸣",
                "director | 周以安",
                "actor | 演员甲 | 角色甲",
                "actor | 演员乙 | 角色乙",
            ]
        ),
    }
    data.update(overrides)
    return data


def test_an_enterprise_drafts_a_filing_from_the_form(client, world):
    client.force_login(world.filer)

    response = client.post(reverse("enterprise:filing_create"), filing_form(world))

    filing = PlanningFiling.objects.get()
    assert response.url == reverse("enterprise:filing_detail", args=[filing.pk])
    assert (filing.title, filing.producers.count(), filing.people.count()) == ("AI时代的江南", 1, 4)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"planned_investment": "-1"}, "planned_investment"),
        ({"shoot_ends_on": "2026-01-01"}, "shoot_ends_on"),
        ({"episodes": "400"}, "episodes"),
        ({"producers": "91330106MA0000001X | 浙字1号 | 2030-12-31"}, "producers"),
    ],
)
def test_bad_input_shows_at_its_field_and_writes_nothing(client, world, overrides, field):
    client.force_login(world.filer)

    response = client.post(reverse("enterprise:filing_create"), filing_form(world, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert PlanningFiling.objects.count() == 0


def test_the_submit_page_lists_every_problem_before_anything_is_sent(client, world):
    filing = draft_planning(world, synopsis="太短", themes="太短")
    client.force_login(world.filer)

    response = client.get(reverse("enterprise:filing_submit", args=[filing.pk]))

    fields = [problem.field for problem in response.context["problems"] if problem.blocking]
    assert (fields, response.context["blocked"]) == (["synopsis", "themes"], True)


def test_submitting_from_the_page_sends_the_filing_to_its_bureau(client, world):
    filing = draft_planning(world)
    client.force_login(world.filer)

    client.post(reverse("enterprise:filing_submit", args=[filing.pk]))

    filing.refresh_from_db()
    assert (filing.state, filing.review_case.reviewing_organization_id) == (
        enums.PlanningState.SUBMITTED,
        world.bureau.pk,
    )


def test_the_detail_page_shows_the_batch_calendar(client, world):
    filing = approved_planning(world)
    client.force_login(world.filer)

    response = client.get(reverse("enterprise:filing_detail", args=[filing.pk]))

    assert response.context["batch"].month == timezone.localdate().replace(day=1)
    assert "batch" in response.content.decode()


def test_the_public_notice_lists_the_months_works_with_statistics(client, world):
    filing = approved_planning(world)
    month = filing.notice_month

    response = client.get(reverse("public:filing_notice_detail", args=[month.year, month.month]))

    assert list(response.context["rows"]) == [filing]
    assert response.context["statistics"] == [("Online series", [("当代", "都市", 1, 2, 100.0)])]


def test_the_notice_exports_to_excel(client, world):
    filing = approved_planning(world)
    month = filing.notice_month

    response = client.get(
        reverse("public:filing_notice_detail", args=[month.year, month.month]), {"format": "xlsx"}
    )

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"drama-notice-{month:%Y-%m}.xlsx" in response["Content-Disposition"]


@pytest.mark.parametrize("query", ["江南", "（浙）网剧规备字"])
def test_the_archive_is_looked_up_by_title_or_number(client, world, query):
    filing = approved_planning(world)
    if query.startswith("（"):
        query = filing.numbers.get().number

    response = client.get(reverse("public:filing_look_up"), {"q": query})

    assert list(response.context["rows"]) == [filing]


def test_the_title_page_keeps_a_superseded_number_with_its_status(client, world):
    filing = approved_planning(world)
    filing.numbers.update(status=enums.NumberStatus.SUPERSEDED)

    response = client.get(reverse("public:filing_title", args=[filing.pk]))

    assert "Superseded" in response.content.decode()


def test_the_verify_endpoint_answers_what_a_licence_covers(client, world):
    release = licensed_release(world, approved_planning(world))

    response = client.get(reverse("public:filing_verify"), {"number": release.licence.number})

    body = response.json()
    assert (response.status_code, body["valid"], body["covers"]["title"], body["status"]) == (
        200,
        True,
        "江南老街",
        "valid",
    )


def test_the_verify_endpoint_answers_410_once_revoked_and_404_for_an_invented_number(client, world):
    release = licensed_release(world, approved_planning(world))
    release.licence.status = enums.NumberStatus.REVOKED
    release.licence.save()

    revoked = client.get(
        reverse("public:filing_verify"),
        {"number": release.licence.number.replace("（", "(").replace("）", ")")},
    )
    invented = client.get(
        reverse("public:filing_verify"), {"number": "（浙）网剧审字（2026）第999号"}
    )

    assert (revoked.status_code, revoked.json()["valid"], invented.status_code) == (410, False, 404)


def test_the_chief_revokes_a_number_from_the_government_portal(client, world):
    filing = approved_planning(world)
    number = filing.numbers.get()
    client.force_login(world.chief)

    client.post(
        reverse("government:filing_number_revoke", args=[number.pk]), {"reason": "违规拍摄。"}
    )

    number.refresh_from_db()
    assert (number.status, number.status_reason) == (enums.NumberStatus.REVOKED, "违规拍摄。")


def filings_with(count):
    """For the query counts: ``count`` approved works of one enterprise (each with a release
    filing licensed), reviewed and numbered by one bureau."""
    world = filing_world()
    for index in range(count):
        planning = approved_planning(world, title=f"作品{index}")
        licensed_release(world, planning)
    return world


FILING_LISTS = [
    # (url name, who signs in: "enterprise", "government" or None, expected queries)
    ("enterprise:filing_list", "enterprise", 11),
    ("government:filing_list", "government", 10),
    ("government:filing_number_list", "government", 9),
    ("public:filing_notice_detail", None, 5),
    ("public:filing_look_up", None, 4),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), FILING_LISTS)
def test_filing_lists_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, queries
):
    world = filings_with(rows)
    signed_in = {"enterprise": world.filer, "government": world.chief}.get(who)
    if signed_in is not None:
        client.force_login(signed_in)
    month = timezone.localdate().replace(day=1)
    args = [month.year, month.month] if name == "public:filing_notice_detail" else []
    data = {"q": "作品"} if name == "public:filing_look_up" else {}

    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=args), data)

    assert response.status_code == 200
    assert len(response.context["rows"]) >= rows


def test_the_bureau_downloads_the_materials_of_a_filing_it_reviews(client, world, media_root):
    filing = draft_planning(world)
    material = services.attach_material(
        filing, actor=world.filer, name="制作合同", uploaded=pdf("制作合同.pdf", b"contract")
    )
    services.submit_planning_filing(filing, actor=world.filer)
    client.force_login(world.chief)

    response = client.get(reverse("government:filing_material_download", args=[material.pk]))

    assert b"contract" in b"".join(response.streaming_content)
