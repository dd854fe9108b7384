"""Password rules: no product name, no personal data, no breached password; an optional age."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cloudpark.accounts.models import User

pytestmark = pytest.mark.django_db


def refusal_codes(password, user=None):
    with pytest.raises(ValidationError) as refusal:
        validate_password(password, user=user)
    return {error.code for error in refusal.value.error_list}


@pytest.mark.parametrize("password", ["Cloudpark2026!x", "my-Cloud.Park-9x", "我的云园区密码2026"])
def test_the_products_name_is_refused(password):
    assert "password_has_product_name" in refusal_codes(password)


@pytest.mark.parametrize("password", ["Wang.Lei-1988x!", "zhejiang-gov-2026!", "张伟的密码2026年"])
def test_the_persons_name_and_email_parts_are_refused(password):
    person = User(email="wang.lei@zhejiang.gov.cn", name="张伟")

    assert "password_has_personal_data" in refusal_codes(password, user=person)


@pytest.mark.parametrize("password", ["woaini1314", "1qaz2wsx3edc", "iloveyou12", "qwertyuiop"])
def test_breached_passwords_are_refused(password):
    assert "password_too_common" in refusal_codes(password)


def test_a_strong_unrelated_password_is_accepted():
    person = User(email="wang.lei@zhejiang.gov.cn", name="张伟")

    assert validate_password("Tq7!river-lantern", user=person) is None


def test_passwords_do_not_expire_by_default(user, settings):
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=900))
    browser = Client()
    browser.force_login(user)

    assert browser.get("/me/profile/").status_code == 200


def test_an_expired_password_sends_to_the_change_page(user, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    browser = Client()
    browser.force_login(user)

    response = browser.get("/me/profile/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")
    assert browser.get(reverse("account_change_password")).status_code == 200


def test_setting_a_password_records_when():
    person = User(email="wang.lei@zhejiang.gov.cn")
    before = timezone.now()

    person.set_password("Tq7!river-lantern")

    assert person.password_changed_at >= before
