import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cloudpark.core.errors import DomainError
from cloudpark.news import enums, selectors, services
from cloudpark.news.models import CorrectionRequest
from cloudpark.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.news import CORRECTION, published, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(channel, editor):
    return published(channel, actor=editor)


def test_a_request_gets_a_tracking_number_and_a_deadline(
    article, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = request_for(article)

    assert re.fullmatch(r"JC\d{4}-[A-Z2-9]{8}", request.tracking_number)
    assert (request.organization, request.state, request.due_on) == (
        article.channel.organization,
        enums.RequestState.RECEIVED,
        timezone.localdate() + timedelta(days=services.REQUEST_ANSWER_DAYS),
    )
    assert (
        Notification.objects.filter(recipient=editor).latest("pk").kind
        == services.REQUEST_AWAITS_NOTICE
    )
    assert [m.to for m in mail.outbox if request.tracking_number in m.body][-1] == [
        "zhang@example.cn"
    ]


def test_a_request_without_contact_details_is_refused(article):
    with pytest.raises(DomainError) as refused:
        request_for(article, requester_email="", requester_phone="")

    assert (refused.value.field, CorrectionRequest.objects.count()) == ("requester_email", 0)
    assert "e-mail address or a phone number" in str(refused.value)


def test_a_phone_number_is_enough(article):
    request = request_for(article, requester_email="", requester_phone="13800000000")

    assert request.requester_phone == "13800000000"


def test_a_site_wide_request_names_its_publisher(channel):
    with pytest.raises(DomainError) as refused:
        services.file_request(
            remedy=enums.Remedy.REPLY,
            reason="我们请求回应。",
            requester_name="某公司",
            requester_email="pr@example.cn",
        )

    assert refused.value.field == "organization"


def test_the_outcome_is_sent_back_to_the_requester(article, editor):
    requester = UserFactory()
    request = request_for(article, requester=requester)
    services.take_request(request, actor=editor)
    services.correct_article(article, actor=editor, request=request, **CORRECTION)

    request = services.answer_request(
        request, actor=editor, outcome=enums.RequestOutcome.CORRECTED, answer="已在文中更正。"
    )

    notice = Notification.objects.filter(recipient=requester).order_by("-pk").first()
    assert (request.state, request.handler, notice.kind, notice.params["answer"]) == (
        enums.RequestState.ANSWERED,
        editor,
        services.REQUEST_ANSWERED_NOTICE,
        "已在文中更正。",
    )


def test_corrected_needs_a_correction(article, editor):
    request = request_for(article)

    with pytest.raises(DomainError) as refused:
        services.answer_request(
            request, actor=editor, outcome=enums.RequestOutcome.CORRECTED, answer="已更正。"
        )

    request.refresh_from_db()
    assert (refused.value.field, request.state) == ("outcome", enums.RequestState.RECEIVED)


def test_someone_else_does_not_handle_the_request(article):
    request = request_for(article)

    with pytest.raises(DomainError):
        services.take_request(request, actor=UserFactory())

    request.refresh_from_db()
    assert (request.state, request.handler) == (enums.RequestState.RECEIVED, None)


def test_the_status_is_looked_up_with_the_number_and_the_contact(article):
    request = request_for(article)

    found = selectors.get_request_status(request.tracking_number.lower(), "ZHANG@example.cn")

    assert found == request


def test_the_number_alone_shows_nothing(article):
    from django.http import Http404

    request = request_for(article)

    with pytest.raises(Http404):
        selectors.get_request_status(request.tracking_number, "someone@example.cn")


def test_a_request_is_answered_once(article, editor):
    request = request_for(article)
    services.answer_request(request, actor=editor, outcome="declined", answer="无误。")

    with pytest.raises(DomainError) as refused:
        services.answer_request(request, actor=editor, outcome="declined", answer="另一答复。")

    request.refresh_from_db()
    assert (str(refused.value), request.answer) == (
        "This request has already been answered.",
        "无误。",
    )
