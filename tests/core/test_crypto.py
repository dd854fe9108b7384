"""Resident ID numbers are encrypted at rest, found only by their keyed digest, and can be
re-encrypted under a new key."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from cloudpark.accounts import selectors
from cloudpark.core import crypto
from tests.factories import UserFactory

NUMBER = "11010519491231002X"
pytestmark = pytest.mark.django_db


def stored_number(user):
    with connection.cursor() as cursor:
        cursor.execute("SELECT resident_id FROM accounts_user WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def test_the_number_is_stored_encrypted_and_read_back_as_it_was():
    person = UserFactory(resident_id=NUMBER)

    stored = stored_number(person)
    person.refresh_from_db()

    assert NUMBER not in stored
    assert crypto.decrypt(stored) == NUMBER
    assert person.resident_id == NUMBER


def test_a_number_is_found_by_its_exact_value_only():
    holder = UserFactory(resident_id=NUMBER)
    UserFactory(resident_id="")

    assert list(selectors.people_with_resident_id(NUMBER.lower())) == [holder]
    assert list(selectors.people_with_resident_id(NUMBER[:17])) == []
    assert list(selectors.people_with_resident_id("")) == []


def test_a_changed_number_moves_its_digest_with_it():
    person = UserFactory(resident_id=NUMBER)

    person.resident_id = "110105194912310037"
    person.save(update_fields=["resident_id"])

    assert list(selectors.people_with_resident_id("110105194912310037")) == [person]
    assert list(selectors.people_with_resident_id(NUMBER)) == []


def test_another_lookup_key_finds_nothing():
    UserFactory(resident_id=NUMBER)

    with override_settings(DATA_LOOKUP_KEY="another-lookup-key-of-32-characters!"):
        assert list(selectors.people_with_resident_id(NUMBER)) == []


def test_rotation_writes_every_number_again_under_the_new_key():
    old, new = Fernet.generate_key(), Fernet.generate_key()
    with override_settings(DATA_ENCRYPTION_KEYS=[old]):
        person = UserFactory(resident_id=NUMBER)

    with override_settings(DATA_ENCRYPTION_KEYS=[new, old]):
        written = crypto.reencrypt_all()
    stored = stored_number(person)

    assert written >= 1
    assert Fernet(new).decrypt(stored.encode()).decode() == NUMBER
    with (
        override_settings(DATA_ENCRYPTION_KEYS=[old]),
        pytest.raises(ValueError, match="cannot be decrypted"),
    ):
        crypto.decrypt(stored)


def test_the_migration_encrypts_numbers_stored_in_plain_text():
    migration = import_module("cloudpark.accounts.migrations.0004_resident_id_encrypted")
    person = UserFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET resident_id = %s WHERE id = %s", [NUMBER, person.pk]
        )

    migration.encrypt_stored_numbers(apps, SimpleNamespace(connection=connection))
    person.refresh_from_db()

    assert stored_number(person) != NUMBER
    assert person.resident_id == NUMBER
    assert list(selectors.people_with_resident_id(NUMBER)) == [person]


def test_the_admin_finds_a_person_by_the_whole_number(admin_client):
    holder = UserFactory(resident_id=NUMBER, email="holder@example.cn")
    UserFactory(email="other@example.cn")

    page = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": NUMBER})

    assert page.context["cl"].result_count == 1
    assert list(page.context["cl"].result_list) == [holder]
