"""How each flow's cases are shown, registered by the portal side.

The engine names no page: the portals register, per flow key, the template that shows the
subject in the review room, the form of the flow's extra decision fields, and the links the
engine puts in its notifications. The review room, the API and the engine ask here.
"""

from dataclasses import dataclass

_PRESENTATIONS = {}


@dataclass(frozen=True)
class Presentation:
    # The template the review room includes to show the subject (as ``subject``).
    subject_template: str
    # case -> where a reviewer of the stage the case is at handles it.
    review_url: object
    # case -> where the applicant follows its subject.
    applicant_url: object
    # The form of the flow's own decision fields: ``Form(data, case=case, prefix=...)`` with a
    # ``decision_data()`` kept with the decision; None when the flow asks for none.
    decision_form: type | None = None
    # case -> where reviewers told of a withdrawal are sent; ``review_url`` when None.
    withdrawn_url: object = None


def register(flow_key, presentation):
    if flow_key in _PRESENTATIONS and _PRESENTATIONS[flow_key] != presentation:
        raise ValueError(f"The flow {flow_key!r} is already presented")
    _PRESENTATIONS[flow_key] = presentation
    return presentation


def get(flow_key):
    """The flow's presentation, or None where no portal shows it."""
    return _PRESENTATIONS.get(flow_key)


def registered():
    return dict(_PRESENTATIONS)


def url(case, which):
    """A link of ``case`` (``"review_url"``, ``"applicant_url"``, ``"withdrawn_url"``), or ""
    where none is registered."""
    presentation = get(case.flow_key)
    if presentation is None:
        return ""
    builder = getattr(presentation, which)
    if builder is None and which == "withdrawn_url":
        builder = presentation.review_url
    return builder(case) if builder is not None else ""
