import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cloudpark.notifications import services
from cloudpark.notifications.models import Notification
from cloudpark.reviews.services import AWAITS_REVIEW
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_notification_is_shown_in_the_readers_language_and_mailed_after_commit(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(email="reviewer@example.cn")

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            [person, person],
            AWAITS_REVIEW,
            params={"subject": "之江影视扶持申请", "stage": "Park's first opinion"},
            url="/park/reviews/1/",
        )

    notification = Notification.objects.get()
    with translation.override("en"):
        assert notification.text == "之江影视扶持申请 awaits your review: Park's first opinion."
    assert [message.to for message in mail.outbox] == [["reviewer@example.cn"]]
    assert mail.outbox[0].body.endswith("/park/reviews/1/")
    assert Notification.objects.get().emailed_at is not None


def test_bilingual_parameters_are_read_in_the_readers_language_and_mailed_in_both(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(email="reviewer@example.cn")
    stage = _("Park's first opinion")

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            [person],
            AWAITS_REVIEW,
            params=services.bilingual(
                subject=("之江影视扶持申请", "Zhijiang film grant"), stage=stage
            ),
        )

    notification = Notification.objects.get()
    with translation.override("en"):
        english = notification.text
    with translation.override("zh-hans"):
        chinese = notification.text
    assert english == "Zhijiang film grant awaits your review: Park's first opinion."
    assert chinese == "之江影视扶持申请待您审核：园区初审。"
    assert mail.outbox[0].body == f"{english}\n\n{chinese}"


def test_a_parameter_without_an_english_rendering_reads_as_written():
    params = services.bilingual(subject=("之江影视扶持申请", ""), stage="园区意见")

    with translation.override("en"):
        text = services.render(AWAITS_REVIEW, params)

    assert params == {"subject": "之江影视扶持申请", "stage": "园区意见"}
    assert text == "之江影视扶持申请 awaits your review: 园区意见."


def test_an_unregistered_kind_is_refused():
    with pytest.raises(ValueError, match="Unregistered notification kind"):
        services.notify([UserFactory()], "nobody.knows")


def test_inactive_people_are_not_notified():
    services.notify([UserFactory(is_active=False)], AWAITS_REVIEW, params={})

    assert not Notification.objects.exists()


def test_marking_read_is_for_the_recipient_only():
    notification = services.notify([UserFactory()], AWAITS_REVIEW, params={})[0]

    with pytest.raises(PermissionError):
        services.mark_read(notification, actor=UserFactory())

    services.mark_read(notification, actor=notification.recipient)
    notification.refresh_from_db()
    assert notification.is_read


def test_the_notifications_page_lists_them_and_marks_them_read(client):
    person = UserFactory()
    services.notify([person], AWAITS_REVIEW, params={"subject": "申请", "stage": "初审"})
    client.force_login(person)

    response = client.get(reverse("individual:notifications"))

    assert response.status_code == 200
    assert response.context["unread_ids"] == {Notification.objects.get().pk}
    assert Notification.objects.get().is_read


def test_opening_a_notification_marks_it_read_and_follows_its_link(client):
    person = UserFactory()
    notification = services.notify(
        [person], AWAITS_REVIEW, params={"subject": "申请", "stage": "初审"}, url="/park/reviews/1/"
    )[0]
    client.force_login(person)

    response = client.get(reverse("individual:notification_open", args=[notification.pk]))

    notification.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/park/reviews/1/"
    assert notification.is_read


def test_someone_elses_notification_is_not_found_and_stays_unread(client):
    notification = services.notify([UserFactory()], AWAITS_REVIEW, params={})[0]
    client.force_login(UserFactory())

    response = client.get(reverse("individual:notification_open", args=[notification.pk]))

    notification.refresh_from_db()
    assert response.status_code == 404
    assert not notification.is_read


def test_a_notification_without_a_link_opens_the_list(client):
    person = UserFactory()
    notification = services.notify([person], AWAITS_REVIEW, params={})[0]
    client.force_login(person)

    response = client.get(reverse("individual:notification_open", args=[notification.pk]))

    assert response["Location"] == reverse("individual:notifications")


def test_the_unread_count_is_kept_until_one_of_theirs_is_created_or_read(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    first = services.notify([person], AWAITS_REVIEW, params={})[0]
    services.notify([UserFactory()], AWAITS_REVIEW, params={})
    client.force_login(person)

    def shown():
        with CaptureQueriesContext(connection) as queries:
            count = client.get(reverse("individual:export_list")).context["unread_notifications"]
        counted = any('FROM "notifications_notification"' in q["sql"] for q in queries)
        return count, counted

    before = [shown(), shown()]
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([person], AWAITS_REVIEW, params={})
    created = shown()
    services.mark_read(first, actor=person)
    read = shown()
    services.mark_all_read(person)
    all_read = shown()

    assert before == [(1, True), (1, False)]
    assert [created, read, all_read] == [(2, True), (1, True), (0, True)]
