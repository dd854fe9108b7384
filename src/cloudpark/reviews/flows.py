"""Review flows are declared as data by the capabilities that use the engine.

A consumer (programme applications, base accreditation, drama filings, award entries) declares
a ``Flow``: its ordered stages, who reviews each, and a ``Consumer`` saying what each of the
engine's events (``enums.ReviewEvent``) makes of its subject: the state it moves to and the
audit code written on it, plus hooks for what is not plain data (a check that refuses, a
grant that follows an approval). The engine applies that inside its own transaction, with the
case and the subject rows locked; a hook raising ``DomainError`` undoes the whole step. The
engine knows nothing of programmes or parks, nor of pages: the portals register how a flow's
subject is shown and where its links lead (``reviews.presentation``). Adding a kind of review
is a declaration, not a copy.

    APPLICATION_FLOW = flows.register(
        flows.Flow(
            key="programs.application",
            label=_("Programme application"),
            stages=(
                flows.Stage("park_opinion", _("Park's first opinion"),
                            reviewers=lambda case: case.subject.park, deadline_days=10),
                flows.Stage("government_review", _("Government review"),
                            reviewers=lambda case: case.subject.programme.issuer, scored=True,
                            panel=True, deadline_days=20),
            ),
            applicants=lambda case: [...users...],
            consumer=flows.Consumer(
                model=Application,
                transitions=APPLICATION_TRANSITIONS,
                events={
                    ReviewEvent.APPROVED: flows.Outcome(
                        ApplicationState.APPROVED, APPROVED, prepare=record_amount
                    ),
                    ...
                },
            ),
        )
    )
"""

from dataclasses import dataclass, field
from decimal import Decimal

from cloudpark.orgs.enums import Capability

_FLOWS = {}


@dataclass(frozen=True)
class Stage:
    key: str
    label: object
    # case -> the organisation whose members review this stage, or None to skip the stage.
    reviewers: object
    capability: str = Capability.REVIEW
    # Several reviewers give opinions (and scores); a chief, with the DECIDE capability, decides.
    panel: bool = False
    scored: bool = False
    max_score: Decimal = Decimal("100")
    deadline_days: int | None = None


@dataclass
class Step:
    """One event as the engine applies it to the subject; the hooks read it and add to
    ``fields`` (saved on the subject) and ``log`` (the data of its audit entry)."""

    case: object
    event: str
    subject: object
    actor: object
    # The ``ReviewDecision`` behind the event, None for a submission or a withdrawal.
    decision: object
    # The state the subject moves to (None: it keeps its state).
    target: object = None
    fields: dict = field(default_factory=dict)
    log: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What one event makes of the subject."""

    # The subject's new state, or ``(step) -> state`` where it depends on the stage; None
    # leaves the state as it is.
    state: object
    # The audit code written on the subject; None writes nothing.
    audit: str | None
    # (step) -> None, before the subject is saved: may add fields and log data, or refuse
    # with a DomainError.
    prepare: object = None
    # (step) -> None, once the subject is saved and its audit entry written.
    complete: object = None


@dataclass(frozen=True)
class Notice:
    """A notification a consumer sends in place of the engine's own: its registered kind
    and ``(case, subject) -> params``."""

    kind: str
    params: object


@dataclass(frozen=True)
class Consumer:
    """How a flow's subjects follow their case."""

    # The subject's model; a ``reviews.models.ReviewSubject`` keeps a link to its case.
    model: object
    # ReviewEvent -> Outcome. An event left out leaves the subject untouched.
    events: dict
    # The subject's transition table: state -> the states it may move to.
    transitions: dict = field(default_factory=dict)
    state_field: str = "state"
    # (step) -> None, before every event's own ``prepare``.
    prepare: object = None
    # What the reviewers a withdrawn case awaited are told; the engine's notice by default.
    withdrawal_notice: Notice | None = None


@dataclass(frozen=True)
class Flow:
    key: str
    label: object
    stages: tuple
    # case -> the users who act for the applicant (told of returns and decisions).
    applicants: object
    consumer: Consumer | None = None

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
