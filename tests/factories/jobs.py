"""Factories for talent and jobs, built through the real services: a posting is drafted by an
administrator of its enterprise, a résumé saved by its owner, an application made with consent."""

from datetime import timedelta

import factory
from django.utils import timezone

from cloudpark.jobs import enums, services
from cloudpark.jobs.models import (
    Application,
    Follow,
    JobPosting,
    Profile,
    ProfileEducation,
    ProfileExperience,
    ProfileWork,
)
from cloudpark.orgs.models import Region
from tests.factories.accounts import UserFactory
from tests.factories.orgs import EnterpriseFactory
from tests.factories.programs import admin_of

HANGZHOU = "330100"
XIHU = "330106"


def region(code):
    return Region.objects.get(code=code)


def posting_values(**overrides):
    values = {
        "title": "剪辑师",
        "category": enums.JobCategory.EDITING,
        "nature": enums.JobNature.FULL_TIME,
        "headcount": 2,
        "salary_min": 8,
        "salary_max": 13,
        "salary_months": 14,
        "experience": enums.Experience.THREE_TO_FIVE,
        "education": enums.Education.BACHELOR,
        "city": region(HANGZHOU),
        "district": region(XIHU),
        "skills": ["达芬奇", "Premiere"],
        "description": "负责网络剧集的粗剪与精剪，配合导演完成成片。",
        "conditions": "熟悉剪辑流程，有剧集作品。",
        "benefits": "五险一金，年度体检。",
        "valid_until": timezone.localdate() + timedelta(days=30),
    }
    values.update(overrides)
    return values


class JobPostingFactory(factory.django.DjangoModelFactory):
    """A draft posting; ``published=True`` publishes it through the service."""

    class Meta:
        model = JobPosting

    enterprise = factory.SubFactory(EnterpriseFactory)

    @classmethod
    def _create(cls, model_class, *args, enterprise, published=False, **values):
        actor = admin_of(enterprise)
        posting = services.create_posting(enterprise, actor=actor, values=posting_values(**values))
        if published:
            posting = services.publish_posting(posting, actor=actor)
        return posting


def published_posting(enterprise=None, **values):
    return JobPostingFactory(enterprise=enterprise or EnterpriseFactory(), published=True, **values)


def profile_values(**overrides):
    values = {
        "headline": "剧集剪辑师",
        "summary": "五年剧集剪辑经验。",
        "city": region(HANGZHOU),
        "district": region(XIHU),
        "categories": [enums.JobCategory.EDITING],
        "experience": enums.Experience.THREE_TO_FIVE,
        "education": enums.Education.BACHELOR,
        "skills": ["达芬奇", "调色"],
        "visibility": enums.ResumeVisibility.OPEN,
        "automated_ranking": True,
    }
    values.update(overrides)
    return values


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory, mobile="13912345678")

    @classmethod
    def _create(cls, model_class, *args, user, **values):
        return services.save_profile(user, actor=user, values=profile_values(**values))


class ProfileEducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileEducation

    profile = factory.SubFactory(ProfileFactory)
    school = "浙江传媒学院"
    degree = enums.Education.BACHELOR
    major = "影视摄影与制作"
    start_year = 2014
    end_year = 2018

    @classmethod
    def _create(cls, model_class, *args, profile, **values):
        return services.add_profile_row(profile, "education", actor=profile.user, values=values)


class ProfileExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileExperience

    profile = factory.SubFactory(ProfileFactory)
    employer = "之江影视有限公司"
    role = "剪辑师"
    category = enums.JobCategory.EDITING
    start_year = 2019
    end_year = None
    description = "负责三部网络剧的剪辑。"

    @classmethod
    def _create(cls, model_class, *args, profile, **values):
        return services.add_profile_row(profile, "experience", actor=profile.user, values=values)


class ProfileWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileWork

    profile = factory.SubFactory(ProfileFactory)
    title = "《江南往事》"
    role = "剪辑指导"
    year = 2023

    @classmethod
    def _create(cls, model_class, *args, profile, **values):
        return services.add_profile_row(profile, "work", actor=profile.user, values=values)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application with consent, by the owner of a new résumé, to a published posting."""

    class Meta:
        model = Application

    posting = factory.LazyFunction(published_posting)
    applicant = factory.LazyFunction(lambda: ProfileFactory().user)

    @classmethod
    def _create(cls, model_class, *args, posting, applicant, **values):
        return services.apply_for(posting, applicant=applicant, consent=True, **values)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    target = factory.SubFactory(EnterpriseFactory)

    @classmethod
    def _create(cls, model_class, *args, user, target, **values):
        return services.follow(user, target, **values)
