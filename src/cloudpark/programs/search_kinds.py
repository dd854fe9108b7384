"""What the platform search finds of policies and programmes: the published ones."""

from django.utils.translation import gettext_lazy as _

from cloudpark.programs import selectors
from cloudpark.programs.models import Policy, Programme
from cloudpark.search import registry


def _policy(policy):
    return registry.Document(
        title=policy.title,
        title_en=policy.title_en,
        body=policy.interpretation or policy.full_text,
        body_en=policy.interpretation_en or policy.full_text_en,
        extra=(policy.full_text, policy.issuer_name, policy.issuer_name_en, policy.document_number),
        published_at=registry.day(policy.issued_on),
    )


def _programme(programme):
    return registry.Document(
        title=programme.title,
        title_en=programme.title_en,
        body=programme.summary,
        body_en=programme.summary_en,
        published_at=programme.opens_at,
    )


registry.register(
    registry.Kind(
        key="policy",
        number=2,
        label=_("Policies"),
        model=Policy,
        queryset=selectors.public_policies,
        document=_policy,
    )
)
registry.register(
    registry.Kind(
        key="programme",
        number=3,
        label=_("Programmes"),
        model=Programme,
        queryset=selectors.published_programmes,
        document=_programme,
        watches={Policy: lambda policy: policy.programmes.values_list("pk", flat=True)},
    )
)
