"""Publication, objections, the final honour list and certificates."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from cloudpark.awards import enums, services
from cloudpark.awards.models import Certificate, CertificateCounter, Objection, Scheme
from cloudpark.core.errors import DomainError
from tests.factories.awards import final_scheme, published_scheme, tallied_scheme
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def test_publishing_puts_the_levels_on_notice_for_seven_days():
    scheme, (first, second) = tallied_scheme()

    scheme = services.publish_results(scheme, actor=admin_of(scheme.owner))

    first.refresh_from_db()
    second.refresh_from_db()
    today = timezone.localdate()
    assert (scheme.state, scheme.results_published_on, scheme.objections_until) == (
        enums.SchemeState.PUBLICITY,
        today,
        today + timedelta(days=7),
    )
    assert (first.level, second.level, first.state) == (
        enums.AwardLevel.FIRST,
        enums.AwardLevel.SECOND,
        enums.EntryState.JUDGING,
    )


def test_results_need_a_named_objection_channel():
    scheme, _entries = tallied_scheme()
    Scheme.objects.filter(pk=scheme.pk).update(objection_channel="")

    with pytest.raises(DomainError) as refusal:
        services.publish_results(Scheme.objects.get(pk=scheme.pk), actor=admin_of(scheme.owner))

    assert refusal.value.field == "objection_channel"


def test_an_objection_is_bound_to_the_entry_and_its_scores():
    _scheme, (first, _second) = published_scheme()

    objection = services.raise_objection(
        first, name="赵强", contact="13800000000", text="该片播出日期与推荐表所填不一致，请核实。"
    )

    assert objection.scores_seen["final"]["rank"] == 1
    assert objection.scores_seen["final"]["trimmed"] == "9.000"
    assert objection.entry == first


def test_an_unsigned_or_vague_objection_is_refused():
    _scheme, (first, _second) = published_scheme()

    with pytest.raises(DomainError) as unsigned:
        services.raise_objection(first, name="", contact="1", text="x" * 30)
    with pytest.raises(DomainError) as vague:
        services.raise_objection(first, name="赵强", contact="1", text="不公平")

    assert (unsigned.value.field, vague.value.field, Objection.objects.count()) == (
        "name",
        "text",
        0,
    )


def test_the_list_cannot_be_final_while_on_notice_or_with_an_open_objection():
    scheme, (first, _second) = published_scheme()
    owner = admin_of(scheme.owner)
    services.raise_objection(
        first, name="赵强", contact="1", text="该片播出日期与推荐表不一致。" * 2
    )

    with pytest.raises(DomainError) as on_notice:
        services.finalise_results(scheme, actor=owner)
    Scheme.objects.filter(pk=scheme.pk).update(
        objections_until=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(DomainError) as unanswered:
        services.finalise_results(Scheme.objects.get(pk=scheme.pk), actor=owner)

    assert "on notice until" in str(on_notice.value)
    assert "Answer every objection" in str(unanswered.value)


def test_an_upheld_objection_may_disqualify_the_entry():
    scheme, (first, _second) = published_scheme()
    objection = services.raise_objection(
        first, name="赵强", contact="1", text="该片已在另一推选中获奖，属一稿多投。"
    )

    services.answer_objection(
        objection,
        actor=admin_of(scheme.owner),
        upheld=True,
        answer="经核实属实，取消资格。",
        disqualify=True,
    )

    first.refresh_from_db()
    assert (first.state, first.level) == (enums.EntryState.DISQUALIFIED, "")


def test_the_final_list_awards_and_keeps_the_entries():
    scheme, (first, second) = final_scheme()

    assert (scheme.state, first.state, second.state) == (
        enums.SchemeState.FINAL,
        enums.EntryState.AWARDED,
        enums.EntryState.AWARDED,
    )


def test_a_certificate_number_names_scheme_year_category_and_sequence():
    scheme, (first, second) = final_scheme()
    owner = admin_of(scheme.owner)

    numbers = [services.issue_certificate(e, actor=owner).number for e in (first, second)]

    assert numbers == [
        f"{scheme.code}-{scheme.year}-DOC-001",
        f"{scheme.code}-{scheme.year}-DOC-002",
    ]


def test_a_revoked_number_is_never_given_again():
    scheme, (first, _second) = final_scheme()
    owner = admin_of(scheme.owner)
    revoked = services.issue_certificate(first, actor=owner)
    services.revoke_certificate(revoked, actor=owner, reason="证书信息有误，重新颁发。")

    again = services.issue_certificate(first, actor=owner)

    assert (revoked.number[-3:], again.number[-3:]) == ("001", "002")
    assert CertificateCounter.objects.get(category=first.category).last == 2


def test_an_entry_not_awarded_gets_no_certificate():
    scheme, (first, _second) = published_scheme()

    with pytest.raises(DomainError):
        services.issue_certificate(first, actor=admin_of(scheme.owner))

    assert Certificate.objects.count() == 0


def test_the_verify_page_and_json_answer_410_once_revoked(client):
    scheme, (first, _second) = final_scheme()
    owner = admin_of(scheme.owner)
    certificate = services.issue_certificate(first, actor=owner)
    page = f"/verify/awards/{certificate.number}/"
    data = f"/verify/awards/{certificate.number}.json"
    valid = (client.get(page).status_code, json.loads(client.get(data).content)["status"])

    services.revoke_certificate(certificate, actor=owner, reason="获奖资格被撤销。")

    revoked = client.get(data)
    assert valid == (200, "valid")
    assert (
        client.get(page).status_code,
        revoked.status_code,
        json.loads(revoked.content)["revoked"],
    ) == (410, 410, True)


@pytest.mark.skipif(
    not Path(settings.AWARDS_CERTIFICATE_FONT).is_file(), reason="needs fonts-noto-cjk"
)
def test_the_certificate_pdf_embeds_the_chinese_font_and_the_qr_code(client):
    scheme, (first, _second) = final_scheme()
    certificate = services.issue_certificate(first, actor=admin_of(scheme.owner))

    response = client.get(f"/verify/awards/{certificate.number}.pdf")

    content = response.content
    assert (response["Content-Type"], content[:5]) == ("application/pdf", b"%PDF-")
    assert set(re.findall(rb"/BaseFont /[A-Z]{6}\+(\S+)", content)) == {b"NotoSerifCJKSC"}
    assert b"/FontFile" in content
    assert content.count(b"/Subtype /Image") == 1


def test_without_its_font_the_pdf_waits_and_the_verify_page_still_answers(client, settings):
    scheme, (first, _second) = final_scheme()
    certificate = services.issue_certificate(first, actor=admin_of(scheme.owner))
    settings.AWARDS_CERTIFICATE_FONT = "/nonexistent/font.ttc"

    pdf = client.get(f"/verify/awards/{certificate.number}.pdf")
    page = client.get(f"/verify/awards/{certificate.number}/")

    assert (pdf.status_code, page.status_code) == (503, 200)
