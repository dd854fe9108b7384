"""Factories for policies, programmes and applications. Applications, materials, notices and
objections are made by the real services; their later states (submitted, with the government,
approved...) by the helpers below, which walk the real transitions."""

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Membership
from cloudpark.programs import services
from cloudpark.programs.enums import ProgrammeType, RuleKind
from cloudpark.programs.models import (
    Application,
    ApplicationMaterial,
    EligibilityRule,
    Objection,
    Policy,
    PolicyAttachment,
    Programme,
    PublicNotice,
)
from cloudpark.reviews import services as reviews
from tests.factories.orgs import EnterpriseFactory, GovernmentBodyFactory, MembershipFactory

MATERIALS = [
    {"key": "plan", "label_zh": "项目计划书", "label_en": "Project plan", "required": True},
    {
        "key": "finance",
        "label_zh": "财务报表",
        "label_en": "Financial statements",
        "required": False,
    },
]
QUESTIONS = [
    {
        "key": "project",
        "label_zh": "项目名称",
        "label_en": "Project name",
        "kind": "text",
        "required": True,
    },
    {
        "key": "episodes",
        "label_zh": "集数",
        "label_en": "Episodes",
        "kind": "number",
        "required": False,
    },
]
ANSWERS = {"project": "《钱塘潮》网络剧", "episodes": "24"}


def pdf_file(name="计划书.pdf", size=None):
    """A small file that is a PDF by its name and its first bytes; ``size`` pads it."""
    content = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    if size is not None:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_file(name="说明.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    owner = factory.SubFactory(GovernmentBodyFactory)
    title = factory.Sequence(lambda n: f"关于推动视听产业高质量发展的若干意见（{n}）")
    title_en = factory.Sequence(lambda n: f"Opinions on the audiovisual industry ({n})")
    issuer_name = "浙江省人民政府办公厅"
    issuer_name_en = "General Office of the Zhejiang Provincial People's Government"
    document_number = factory.Sequence(lambda n: f"浙政办发〔2024〕{n}号")
    issued_on = date(2024, 7, 1)
    full_text = "为加快推进视听产业高质量发展，现提出如下意见。"
    is_published = True


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A published funding programme, open from ten days ago for another twenty days."""

    class Meta:
        model = Programme

    policy = factory.SubFactory(PolicyFactory)
    issuer = factory.SelfAttribute("policy.owner")
    title = factory.Sequence(lambda n: f"视听产业发展专项资金{n}号")
    title_en = factory.Sequence(lambda n: f"Audiovisual industry fund {n}")
    programme_type = ProgrammeType.FUNDING
    budget = Decimal("1000000.00")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    required_materials = factory.LazyFunction(lambda: [dict(item) for item in MATERIALS])
    form_fields = factory.LazyFunction(lambda: [dict(item) for item in QUESTIONS])
    is_published = True


class EligibilityRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityRule

    programme = factory.SubFactory(ProgrammeFactory)
    kind = RuleKind.RESIDENT_IN_ZONE
    params = factory.LazyFunction(dict)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft, made by ``programs.services.draft_application``."""

    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    requested_amount = Decimal("200000")
    answers = factory.LazyFunction(lambda: dict(ANSWERS))

    @classmethod
    def _create(cls, model_class, programme, enterprise, requested_amount, answers):
        return services.draft_application(
            programme,
            enterprise,
            actor=None,
            requested_amount=requested_amount,
            answers=answers,
        )


class ApplicationMaterialFactory(factory.django.DjangoModelFactory):
    """A file for the ``plan`` material, uploaded by ``programs.services.upload_material``."""

    class Meta:
        model = ApplicationMaterial

    application = factory.SubFactory(ApplicationFactory)
    key = "plan"
    file = factory.LazyFunction(pdf_file)

    @classmethod
    def _create(cls, model_class, application, key, file):
        return services.upload_material(application, actor=None, key=key, uploaded=file)


class PolicyAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyAttachment

    policy = factory.SubFactory(PolicyFactory)
    title = "政策全文（PDF）"
    file = factory.LazyFunction(lambda: pdf_file("意见全文.pdf"))

    @classmethod
    def _create(cls, model_class, policy, title, file):
        return services.attach_to_policy(policy, actor=None, title=title, uploaded=file)


class PublicNoticeFactory(factory.django.DjangoModelFactory):
    """A draft notice, made by ``programs.services.create_notice``."""

    class Meta:
        model = PublicNotice

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.LazyAttribute(lambda notice: f"关于{notice.programme.title}拟支持名单的公示")
    body = "现将拟支持名单予以公示。"
    objection_days = 7

    @classmethod
    def _create(cls, model_class, programme, **values):
        return services.create_notice(programme, actor=None, **values)


class ObjectionFactory(factory.django.DjangoModelFactory):
    """An objection to a publicised notice, recorded by ``programs.services.record_objection``."""

    class Meta:
        model = Objection

    notice = factory.SubFactory(PublicNoticeFactory)
    text = "名单中某企业的项目尚未开机，不符合申报条件。"
    name = "王先生"
    contact = "13900001111"

    @classmethod
    def _create(cls, model_class, notice, **values):
        return services.record_objection(notice, **values)


# Later states, through the real transitions ---------------------------------------------------


def admin_of(organization, role=org_enums.Role.ADMIN):
    """A member of ``organization`` with ``role``: the first there is, or a new one."""
    membership = (
        Membership.objects.filter(organization=organization, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return membership.user
    return MembershipFactory(organization=organization, role=role).user


def complete_draft(programme, enterprise, **values):
    """A draft with every answer and required material: ready to submit."""
    application = ApplicationFactory(programme=programme, enterprise=enterprise, **values)
    ApplicationMaterialFactory(application=application)
    return application


def submitted(programme, enterprise, *, actor=None, **values):
    """Submitted: with the enterprise's park (or the government, without a park)."""
    return services.submit_application(complete_draft(programme, enterprise, **values), actor=actor)


def advance(application, *, actor=None):
    """The park passes the application on to the government."""
    actor = actor or admin_of(application.park)
    reviews.decide(
        application.review_case, actor=actor, stage_key="park_opinion", decision="advance"
    )
    application.refresh_from_db()
    return application


def at_government(programme, enterprise, **values):
    return advance(submitted(programme, enterprise, **values))


def decide_at_government(application, decision, *, actor=None, comment="", amount=None):
    actor = actor or admin_of(application.programme.issuer)
    data = {"amount": str(amount)} if amount is not None else None
    reviews.decide(
        application.review_case,
        actor=actor,
        stage_key="government_review",
        decision=decision,
        comment=comment,
        data=data,
    )
    application.refresh_from_db()
    return application


def approved(programme, enterprise, amount=Decimal("150000"), **values):
    return decide_at_government(
        at_government(programme, enterprise, **values), "approve", amount=amount
    )


def publicised_notice(programme, **values):
    notice = PublicNoticeFactory(programme=programme, **values)
    return services.publish_notice(notice, actor=None)
