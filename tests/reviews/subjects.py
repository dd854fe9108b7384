"""A subject in review for every registered flow, for the consumer contract test.

Each entry builds, through the capability's own services, a subject submitted and at the first
of its stages (of two, where the flow has two), with the people who act on it. A flow
registered without an entry here fails ``test_every_registered_flow_has_a_contract_subject``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from cloudpark.awards import services as award_services
from cloudpark.awards.models import Entry
from cloudpark.bases import services as base_services
from cloudpark.filings import services as filing_services
from cloudpark.jobs import services as job_services
from cloudpark.jobs.models import JobPosting
from cloudpark.news import enums as news_enums
from cloudpark.news import services as news_services
from cloudpark.news.models import Channel, ClarificationSource
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Enterprise
from cloudpark.programs import services as programme_services
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import flows
from cloudpark.reviews import services as reviews
from cloudpark.reviews.models import ReviewCase
from tests.factories import (
    AccreditationRoundFactory,
    EnterpriseFactory,
    GovernmentBodyFactory,
    ParkFactory,
    PolicyFactory,
    ProgrammeFactory,
)
from tests.factories.awards import open_scheme, submitted_entry
from tests.factories.bases import submitted_declaration
from tests.factories.filings import decide, filing_world, submitted_planning, submitted_release
from tests.factories.jobs import JobPostingFactory
from tests.factories.news import ChannelFactory
from tests.factories.news import clarification_in_review as submitted_clarification
from tests.factories.news import disclosure_in_review as submitted_disclosure
from tests.factories.news import draft as draft_article
from tests.factories.programs import admin_of, submitted
from tests.reviews.flow import REFUSING_NAME, TEST_FLOW


@dataclass
class Reviewed:
    flow: object
    subject: object
    # Acts for the applicant: submits again, withdraws.
    applicant: object
    # stage key -> who decides that stage.
    deciders: dict
    # (subject, actor) -> None: submits a returned subject again, through its own service.
    resubmit: object
    # The decision data an approval at the last stage needs.
    approval: dict
    # (reviewed) -> decision data: makes the consumer refuse an approval at the last stage.
    refusal: object

    @property
    def case(self):
        return ReviewCase.objects.filter(
            flow_key=self.flow.key,
            content_type=ContentType.objects.get_for_model(self.subject),
            object_id=self.subject.pk,
        ).first()

    def refresh(self):
        self.subject = type(self.subject).objects.get(pk=self.subject.pk)
        return self.subject


SUBJECTS = {}


def subject_for(flow_key):
    def register(builder):
        SUBJECTS[flow_key] = builder
        return builder

    return register


@subject_for("programs.application")
def application_in_review():
    park = ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    enterprise = EnterpriseFactory(park=park)
    programme = ProgrammeFactory(policy=PolicyFactory(owner=government))
    applicant = admin_of(enterprise)
    return Reviewed(
        flow=flows.get("programs.application"),
        subject=submitted(programme, enterprise, actor=applicant),
        applicant=applicant,
        deciders={"park_opinion": admin_of(park), "government_review": admin_of(government)},
        resubmit=lambda application, actor: programme_services.submit_application(
            application, actor=actor
        ),
        approval={"amount": "150000"},
        # More than the 200,000 yuan requested.
        refusal=lambda reviewed: {"amount": str(Decimal("200000.01"))},
    )


@subject_for("bases.declaration")
def national_declaration_in_review():
    administration = GovernmentBodyFactory(level=org_enums.GovernmentLevel.NATIONAL)
    park = ParkFactory(level=org_enums.ParkLevel.PROVINCIAL)
    bureau = GovernmentBodyFactory(
        level=org_enums.GovernmentLevel.PROVINCIAL, parent=administration, jurisdiction=[park]
    )
    national_round = AccreditationRoundFactory(organiser=administration, level="national")
    applicant = admin_of(park)
    return Reviewed(
        flow=flows.get("bases.declaration"),
        subject=submitted_declaration(park, national_round, actor=applicant),
        applicant=applicant,
        deciders={
            "provincial_review": admin_of(bureau),
            "national_review": admin_of(administration),
        },
        resubmit=lambda declaration, actor: base_services.submit_declaration(
            declaration, actor=actor
        ),
        approval={},
        # A decision dated before the declaration was submitted.
        refusal=lambda reviewed: {"decided_on": "2000-01-01"},
    )


def _close_the_channel(reviewed):
    Channel.objects.filter(pk=reviewed.subject.channel_id).update(is_open=False)
    return {}


@subject_for("news.article")
def article_in_review():
    channel = ChannelFactory(review_stages=2)
    editor = admin_of(channel.organization)
    article = news_services.submit_article(draft_article(channel, actor=editor), actor=editor)
    return Reviewed(
        flow=flows.get("news.article"),
        subject=article,
        applicant=editor,
        deciders={"first_reading": editor, "chief_editor": editor},
        resubmit=lambda subject, actor: news_services.submit_article(subject, actor=actor),
        approval={},
        # The channel closed while the article was in review.
        refusal=_close_the_channel,
    )


def _sources_removed(reviewed):
    ClarificationSource.objects.filter(clarification=reviewed.subject).delete()
    return {}


@subject_for("news.clarification")
def clarification_in_review():
    government = GovernmentBodyFactory()
    editor = admin_of(government)
    return Reviewed(
        flow=flows.get("news.clarification"),
        subject=submitted_clarification(government, actor=editor),
        applicant=editor,
        deciders={"chief_editor": editor},
        resubmit=lambda subject, actor: news_services.submit_clarification(subject, actor=actor),
        approval={},
        # The facts lost their sources while the clarification was in review.
        refusal=_sources_removed,
    )


@subject_for("news.disclosure")
def disclosure_item_in_review():
    channel = ChannelFactory(kind=news_enums.ChannelKind.DISCLOSURE, review_stages=2)
    editor = admin_of(channel.organization)
    return Reviewed(
        flow=flows.get("news.disclosure"),
        subject=submitted_disclosure(channel, actor=editor),
        applicant=editor,
        deciders={"first_reading": editor, "chief_editor": editor},
        resubmit=lambda subject, actor: news_services.submit_disclosure(subject, actor=actor),
        approval={},
        # The channel closed while the item was in review.
        refusal=_close_the_channel,
    )


def _sealed_scan_removed(reviewed):
    Entry.objects.filter(pk=reviewed.subject.pk).update(recommendation_scan="")
    return {}


@subject_for("awards.entry")
def award_entry_in_review():
    secretariat = GovernmentBodyFactory()
    host = GovernmentBodyFactory()
    enterprise = EnterpriseFactory()
    applicant = admin_of(enterprise)
    return Reviewed(
        flow=flows.get("awards.entry"),
        subject=submitted_entry(open_scheme(secretariat, host=host), enterprise),
        applicant=applicant,
        deciders={"formal_check": admin_of(secretariat), "eligibility": admin_of(host)},
        resubmit=lambda entry, actor: award_services.submit_entry(entry, actor=actor),
        approval={},
        # The sealed recommendation gone by the time the host confirms eligibility.
        refusal=_sealed_scan_removed,
    )


def _refusing_enterprise(reviewed):
    Enterprise.objects.filter(pk=reviewed.subject.pk).update(name=REFUSING_NAME)
    return {}


@subject_for(TEST_FLOW.key)
def enterprise_request_in_review():
    park = ParkFactory()
    government = GovernmentBodyFactory(jurisdiction=[park])
    enterprise = EnterpriseFactory(park=park)
    applicant = admin_of(enterprise)

    def submit(subject, actor):
        reviews.submit(subject, flow=TEST_FLOW, applicant=subject, actor=actor, label=subject.name)

    submit(enterprise, applicant)
    return Reviewed(
        flow=TEST_FLOW,
        subject=enterprise,
        applicant=applicant,
        deciders={"park_opinion": admin_of(park), "government_review": admin_of(government)},
        resubmit=submit,
        approval={},
        refusal=_refusing_enterprise,
    )


def _expired_licences(reviewed):
    planning = getattr(reviewed.subject, "planning", reviewed.subject)
    planning.producers.update(licence_expires_on=date(2000, 1, 1))
    return {}


@subject_for("filings.planning")
def key_planning_filing_in_review():
    world = filing_world()
    return Reviewed(
        flow=flows.get("filings.planning"),
        # Key by investment: the bureau passes it on to the national re-review.
        subject=submitted_planning(world, planned_investment=Decimal("800")),
        applicant=world.filer,
        deciders={"provincial_review": world.chief, "national_review": world.national_chief},
        resubmit=lambda filing, actor: filing_services.submit_planning_filing(filing, actor=actor),
        approval={},
        # A producer's licence expired while the filing was in review.
        refusal=_expired_licences,
    )


@subject_for("filings.release")
def key_release_filing_in_review():
    world = filing_world()
    planning = submitted_planning(world, planned_investment=Decimal("800"))
    decide(planning, world.chief, review_enums.Decision.ADVANCE)
    decide(planning, world.national_chief, review_enums.Decision.APPROVE)
    planning.refresh_from_db()
    return Reviewed(
        flow=flows.get("filings.release"),
        subject=submitted_release(world, planning),
        applicant=world.filer,
        deciders={"provincial_review": world.chief, "national_review": world.national_chief},
        resubmit=lambda release, actor: filing_services.submit_release_filing(release, actor=actor),
        approval={},
        refusal=_expired_licences,
    )


def _validity_passed(reviewed):
    JobPosting.objects.filter(pk=reviewed.subject.pk).update(valid_until=date(2000, 1, 1))
    return {}


@subject_for("jobs.posting")
def job_posting_in_review():
    park = ParkFactory()
    enterprise = EnterpriseFactory(park=park)
    applicant = admin_of(enterprise)
    reviewer = admin_of(park)
    # Two stages: a first reading, then the park's decision.
    job_services.set_park_review(park, actor=reviewer, required=True, stages=2)
    posting = JobPostingFactory(enterprise=enterprise, published=True)
    return Reviewed(
        flow=flows.get("jobs.posting"),
        subject=posting,
        applicant=applicant,
        deciders={"first_reading": reviewer, "park_review": reviewer},
        resubmit=lambda subject, actor: job_services.publish_posting(subject, actor=actor),
        approval={},
        # The posting's validity date passed while it was in review.
        refusal=_validity_passed,
    )
