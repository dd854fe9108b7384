"""Award schemes, entries, juries and results, each made by the real services so that an
object has the history the platform would have given it."""

from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cloudpark.awards import enums, services
from cloudpark.awards.models import Entry, Scheme
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as reviews
from tests.factories.accounts import UserFactory
from tests.factories.orgs import EnterpriseFactory, GovernmentBodyFactory
from tests.factories.programs import admin_of

CATEGORIES = (
    ("DOC", "纪录片", "Documentary", {"first": 1, "second": 1}),
    ("SV", "短视频", "Short video", {"first": 1, "second": 2}),
)
CRITERIA = (("思想性", "Ideas", "4"), ("艺术性", "Artistry", "3"), ("技术性", "Craft", "3"))


def sealed_scan(name="推荐表.pdf"):
    """A small PDF standing for the recommendation form with its seal."""
    return SimpleUploadedFile(name, b"%PDF-1.7\nsealed\n%%EOF\n", "application/pdf")


class SchemeFactory(factory.django.DjangoModelFactory):
    """A scheme row in draft, with no categories: ``open_scheme`` below builds a whole one."""

    class Meta:
        model = Scheme

    owner = factory.SubFactory(GovernmentBodyFactory)
    code = factory.Sequence(lambda n: f"T{n:03d}")
    edition = 1
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.Sequence(lambda n: f"行业电视节目优秀作品推选（第{n}届）")
    title_en = factory.Sequence(lambda n: f"Industry TV excellent works selection ({n})")
    eligible_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    eligible_until = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    entries_open_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    entries_close_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    objection_channel = "推选办公室，北京市朝阳区某路1号，电话 010-12345678"


def open_scheme(
    owner=None, *, code=None, edition=1, rounds=(("final", "scored"),), host=None, **fields
):
    """A scheme with two categories, a three-criterion rubric on 0–10, its rounds and an
    organiser, opened for entries through the services."""
    owner = owner or GovernmentBodyFactory()
    actor = admin_of(owner)
    scheme = SchemeFactory(
        owner=owner, edition=edition, **({"code": code} if code else {}), **fields
    )
    services.add_organizer(scheme, actor=actor, role="organizer", organization=owner)
    if host is not None:
        services.add_organizer(scheme, actor=actor, role="host", organization=host)
    for category_code, name, name_en, quotas in CATEGORIES:
        services.add_category(
            scheme, actor=actor, code=category_code, name=name, name_en=name_en, quotas=quotas
        )
    for name, name_en, weight in CRITERIA:
        services.add_criterion(scheme, actor=actor, name=name, name_en=name_en, weight=weight)
    for kind, mode in rounds:
        services.add_round(
            scheme,
            actor=actor,
            kind=kind,
            mode=mode,
            advances=None if kind == "final" else 2,
        )
    return services.open_scheme(scheme, actor=actor)


def entry_values(scheme, **values):
    return {
        "title": "《山海之间》",
        "category": scheme.categories.get(code="DOC"),
        "recommender_name": "某省广播电视局",
        "broadcast_on": scheme.eligible_from + timedelta(days=30),
        "column": "行业视点",
        "length_seconds": 1520,
        "recommendation": "该片立意高远，制作精良，同意推荐。",
        "media_url": "https://video.example.cn/works/1",
        **values,
    }


def drafted_entry(scheme, enterprise, *, credits=None, scan=True, **values):
    return services.draft_entry(
        scheme,
        submitter=enterprise,
        actor=admin_of(enterprise),
        credits=credits if credits is not None else [{"name": "李明", "role": "导演"}],
        recommendation_scan=sealed_scan() if scan else None,
        **entry_values(scheme, **values),
    )


def submitted_entry(scheme, enterprise, **values):
    return services.submit_entry(
        drafted_entry(scheme, enterprise, **values), actor=admin_of(enterprise)
    )


def eligible_entry(scheme, enterprise, **values):
    """An entry found eligible by the secretariat, its public notice already over."""
    entry = submitted_entry(scheme, enterprise, **values)
    reviews.decide(
        entry.review_case,
        actor=admin_of(scheme.owner),
        stage_key=entry.review_case.stage_key,
        decision=review_enums.Decision.APPROVE,
    )
    Entry.objects.filter(pk=entry.pk).update(
        notice_ends_on=timezone.localdate() - timedelta(days=1)
    )
    return Entry.objects.get(pk=entry.pk)


def jury(scheme, count=5, *, chair=False):
    """``count`` voting jurors (and a non-voting chair when asked), appointed by the service."""
    actor = admin_of(scheme.owner)
    jurors = [
        services.appoint_juror(scheme, actor=actor, user=UserFactory(), name=f"评委{n}")
        for n in range(1, count + 1)
    ]
    if chair:
        jurors.append(
            services.appoint_juror(
                scheme,
                actor=actor,
                user=UserFactory(),
                name="主任",
                is_chair=True,
                is_voting=False,
            )
        )
    return jurors


def judging(scheme):
    return services.start_judging(scheme, actor=admin_of(scheme.owner))


def scores_for(scheme, value, comment="好"):
    return {criterion.pk: (value, comment) for criterion in scheme.criteria.all()}


def assigned_round(scheme, kind=enums.RoundKind.FINAL):
    judging_round = scheme.rounds.get(kind=kind)
    return services.assign_round(judging_round, actor=admin_of(scheme.owner))


def tallied_scheme(titles=("甲", "乙"), *, enterprises=None):
    """A scheme whose final (scored) round is tallied: five jurors, the first work scored
    above the second."""
    scheme = open_scheme()
    enterprises = enterprises or [EnterpriseFactory() for _ in titles]
    entries = [
        eligible_entry(scheme, enterprise, title=title)
        for title, enterprise in zip(titles, enterprises, strict=True)
    ]
    jurors = jury(scheme, 5)
    judging(scheme)
    judging_round = assigned_round(scheme)
    for juror in jurors:
        for index, entry in enumerate(entries):
            services.score_entry(
                judging_round, entry, actor=juror.user, scores=scores_for(scheme, 9 - index)
            )
    owner = admin_of(scheme.owner)
    services.close_round(judging_round, actor=owner)
    services.tally_round(judging_round, actor=owner)
    return Scheme.objects.get(pk=scheme.pk), entries


def published_scheme(**kwargs):
    scheme, entries = tallied_scheme(**kwargs)
    return services.publish_results(scheme, actor=admin_of(scheme.owner)), entries


def final_scheme(**kwargs):
    """Results published, their notice run, and made final."""
    scheme, entries = published_scheme(**kwargs)
    Scheme.objects.filter(pk=scheme.pk).update(
        objections_until=timezone.localdate() - timedelta(days=1)
    )
    scheme = services.finalise_results(
        Scheme.objects.get(pk=scheme.pk), actor=admin_of(scheme.owner)
    )
    return scheme, [Entry.objects.get(pk=entry.pk) for entry in entries]
