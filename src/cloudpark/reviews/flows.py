"""Review flows are declared as data by the capabilities that use the engine.

A consumer (programme applications, base accreditation, drama filings, award entries) declares
a ``Flow``: its ordered stages, who reviews each, and a callback that maps the engine's events
onto its own states. The engine knows nothing of programmes or parks; adding a kind of review
is a declaration, not a copy.

    APPLICATION_FLOW = flows.register(
        flows.Flow(
            key="programs.application",
            label=_("Programme application"),
            stages=(
                flows.Stage("park_opinion", _("Park's first opinion"), ReviewerLevel.APPLICANT_PARK,
                            reviewers=lambda case: case.subject.enterprise.park, deadline_days=10),
                flows.Stage("government_review", _("Government review"), ReviewerLevel.GOVERNMENT,
                            reviewers=lambda case: case.subject.programme.issuer, scored=True,
                            panel=True, deadline_days=20),
            ),
            applicants=lambda case: [...users...],
            on_event=application_reviewed,
        )
    )
"""

from dataclasses import dataclass, field
from decimal import Decimal

from cloudpark.orgs.enums import Capability
from cloudpark.reviews.enums import ReviewerLevel

_FLOWS = {}


@dataclass(frozen=True)
class Stage:
    key: str
    label: object
    level: ReviewerLevel
    # case -> the organisation whose members review this stage.
    reviewers: object
    capability: str = Capability.REVIEW
    # Several reviewers give opinions (and scores); a chief, with the DECIDE capability, decides.
    panel: bool = False
    scored: bool = False
    max_score: Decimal = Decimal("100")
    deadline_days: int | None = None


@dataclass(frozen=True)
class Flow:
    key: str
    label: object
    stages: tuple
    # case -> the users who act for the applicant (told of returns and decisions).
    applicants: object
    # (case, event, actor, decision_or_None) -> None; may raise DomainError to refuse.
    on_event: object = None
    # case -> the URL where a reviewer handles it / where the applicant sees it.
    review_url: object = None
    applicant_url: object = None
    extra: dict = field(default_factory=dict)

    def stage(self, key):
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise KeyError(key)

    def index_of(self, key):
        return [stage.key for stage in self.stages].index(key)

    def next_stage(self, key):
        index = self.index_of(key)
        return self.stages[index + 1] if index + 1 < len(self.stages) else None

    def is_last(self, key):
        return self.next_stage(key) is None

    def stages_for(self, case):
        """The stages ``case`` goes through: a stage whose ``reviewers`` gives nobody for this
        case (a national review of a provincial declaration, say) is skipped."""
        return tuple(stage for stage in self.stages if stage.reviewers(case) is not None)

    def is_last_for(self, case, key):
        """Whether ``key`` is the last stage ``case`` goes through, skipped stages aside."""
        index = self.index_of(key)
        return all(stage.reviewers(case) is None for stage in self.stages[index + 1 :])


def register(flow):
    if flow.key in _FLOWS and _FLOWS[flow.key] is not flow:
        raise ValueError(f"A flow named {flow.key!r} is already registered")
    _FLOWS[flow.key] = flow
    return flow


def get(key):
    return _FLOWS[key]


def registered():
    return dict(_FLOWS)
