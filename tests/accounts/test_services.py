import pytest
from django.core.exceptions import ValidationError

from cloudpark.accounts import services
from cloudpark.accounts.models import User
from cloudpark.core import audit
from cloudpark.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored(user):
    return User.objects.values("name", "mobile", "resident_id").get(pk=user.pk)


def test_update_profile_stores_normalised_numbers():
    user = UserFactory(name="", mobile="", resident_id="")

    services.update_profile(
        user,
        actor=user,
        name="  张三  ",
        mobile="＋８６ １３８－１２３４－５６７８",
        resident_id="１１０１０５１９４９１２３１００２ｘ",
    )

    assert stored(user) == {
        "name": "张三",
        "mobile": "13812345678",
        "resident_id": "11010519491231002X",
    }


def test_update_profile_logs_the_changed_field_names_only():
    user = UserFactory(name="张三", mobile="", resident_id="")

    services.update_profile(user, actor=user, name="张三", mobile="13812345678")

    entry = audit.history_of(user).get()
    assert (entry.action, entry.actor, entry.data) == (
        "accounts.user.profile_updated",
        user,
        {"fields": ["mobile"]},
    )


def test_update_profile_refuses_an_invalid_resident_id_and_stores_nothing():
    user = UserFactory(name="张三", mobile="13812345678", resident_id="")

    with pytest.raises(ValidationError) as caught:
        services.update_profile(
            user, actor=user, name="李四", mobile="13812345678", resident_id="110105194912310021"
        )

    assert list(caught.value.message_dict) == ["resident_id"]
    assert stored(user) == {"name": "张三", "mobile": "13812345678", "resident_id": ""}
    assert AuditEntry.objects.count() == 0


def test_update_profile_refuses_an_invalid_mobile():
    user = UserFactory(mobile="")

    with pytest.raises(ValidationError) as caught:
        services.update_profile(user, actor=user, name="张三", mobile="1381234567")

    assert list(caught.value.message_dict) == ["mobile"]
    assert User.objects.get(pk=user.pk).mobile == ""


def test_update_profile_changes_nothing_when_nothing_changed():
    user = UserFactory(name="张三", mobile="13812345678", resident_id="11010519491231002X")
    before = User.objects.values_list("name", "mobile", "resident_id", "email").get(pk=user.pk)

    services.update_profile(
        user,
        actor=user,
        name="张三 ",
        mobile="138 1234 5678",
        resident_id="11010519491231002x",
    )

    after = User.objects.values_list("name", "mobile", "resident_id", "email").get(pk=user.pk)
    assert (after, AuditEntry.objects.count()) == (before, 0)


def test_update_profile_clears_numbers_left_empty():
    user = UserFactory(name="张三", mobile="13812345678", resident_id="11010519491231002X")

    services.update_profile(user, actor=user, name="张三")

    assert stored(user) == {"name": "张三", "mobile": "", "resident_id": ""}
    assert audit.history_of(user).get().data == {"fields": ["mobile", "resident_id"]}
