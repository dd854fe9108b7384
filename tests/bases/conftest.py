"""A province's bureau under the national administration, looking after a park that is not yet
rated, and the people who act for each."""

import pytest
from django.utils import translation

from cloudpark.orgs import enums as org_enums
from tests.factories import (
    AccreditationRoundFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
)


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(media_root):
    """Materials are written under pytest's temporary folder, never under ``var/``."""


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are compared in the source language, whatever the catalog translates."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def administration(db):
    return GovernmentBodyFactory(
        name="国家广播电视总局",
        name_en="National Radio and Television Administration",
        level=org_enums.GovernmentLevel.NATIONAL,
    )


@pytest.fixture
def candidate(db):
    """A park that is not yet rated."""
    return ParkFactory(
        name="杭州滨江数字视听产业园",
        name_en="Hangzhou Binjiang Digital Audiovisual Industrial Park",
        level=org_enums.ParkLevel.UNRATED,
    )


@pytest.fixture
def bureau(db, administration, candidate):
    return GovernmentBodyFactory(
        name="浙江省广播电视局",
        name_en="Zhejiang Provincial Radio and Television Bureau",
        level=org_enums.GovernmentLevel.PROVINCIAL,
        parent=administration,
        jurisdiction=[candidate],
    )


@pytest.fixture
def people(candidate, bureau, administration):
    def member(organization, role):
        return MembershipFactory(organization=organization, role=role).user

    return {
        "park_admin": member(candidate, org_enums.Role.ADMIN),
        "park_staff": member(candidate, org_enums.Role.STAFF),
        "bureau_chief": member(bureau, org_enums.Role.ADMIN),
        "bureau_reviewer": member(bureau, org_enums.Role.REVIEWER),
        "bureau_staff": member(bureau, org_enums.Role.STAFF),
        "national_chief": member(administration, org_enums.Role.ADMIN),
    }


@pytest.fixture
def provincial_round(bureau):
    return AccreditationRoundFactory(
        organiser=bureau,
        batch="浙江省第二批省级广播电视和网络视听产业基地（园区）",
        batch_en="Second batch of Zhejiang provincial bases (parks)",
    )


@pytest.fixture
def national_round(administration):
    return AccreditationRoundFactory(
        organiser=administration,
        level="national",
        batch="国家级广播电视和网络视听产业基地（园区）",
        batch_en="National radio, TV and online audiovisual industry bases (parks)",
    )
