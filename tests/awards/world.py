"""Award objects of the portal tests' world, and the award pages of the permission matrix.

Each government body of the world runs a scheme open for entries. The world's enterprise has
a draft entry in its body's scheme (the other enterprise in the other's); an enterprise of the
body's park has submitted one, against which an objection and a certificate stand as rows.
The outsider, who belongs to no portal organisation, chairs the first scheme's jury and has
that entry to score in its open round; a stranger does the same in the other scheme.
"""

from django.utils import timezone

from cloudpark.awards import enums
from cloudpark.awards.models import Assignment, Certificate, Juror, Objection
from tests.factories import UserFactory, enterprise_in
from tests.factories.awards import drafted_entry, open_scheme, submitted_entry


def _objects_of(government, park, enterprise, juror_user):
    scheme = open_scheme(government)
    submitted = submitted_entry(scheme, enterprise_in(park))
    judging_round = scheme.rounds.get()
    judging_round.state = enums.RoundState.OPEN
    judging_round.save(update_fields=["state"])
    juror = Juror.objects.create(scheme=scheme, user=juror_user, name="评委", is_chair=True)
    return {
        "scheme": scheme,
        "round": judging_round,
        "draft": drafted_entry(scheme, enterprise, title="《江河行》"),
        "submitted": submitted,
        "objection": Objection.objects.create(
            scheme=scheme, entry=submitted, name="赵强", contact="1", text="播出日期有误，请核实。"
        ),
        "certificate": Certificate.objects.create(
            number=f"{scheme.code}-{scheme.year}-DOC-001",
            entry=submitted,
            level=enums.AwardLevel.FIRST,
            holder=submitted.submitter,
            issuer_name=government.name,
            issued_on=timezone.localdate(),
        ),
        "assignment": Assignment.objects.create(round=judging_round, entry=submitted, juror=juror),
        "category": submitted.category,
        "juror": juror,
        "criterion": scheme.criteria.first(),
    }


def awards_world(world):
    own = _objects_of(world.government, world.park, world.enterprise, world.people["outsider"])
    other = _objects_of(
        world.other_government, world.other_park, world.other_enterprise, UserFactory()
    )
    return {**own, **{f"other_{key}": value for key, value in other.items()}}


def _page(name, portal, key, *, role_without_right=None):
    from tests.portals.pages import Page

    return Page(
        name,
        portal,
        own=lambda w: [w.awards[key].pk],
        other=lambda w: [w.awards[f"other_{key}"].pk],
        role_without_right=role_without_right,
    )


def award_pages(portal):
    """The award pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import STAFF, Page

    if portal == "government":
        return [
            Page("government:award_scheme_list", portal),
            _page("government:award_scheme_detail", portal, "scheme"),
            _page("government:award_round_detail", portal, "round"),
            _page("government:award_entry_detail", portal, "submitted"),
            _page(
                "government:award_objection_answer", portal, "objection", role_without_right=STAFF
            ),
            Page("government:award_scheme_create", portal, role_without_right=STAFF),
            *(
                _page(f"government:award_{part}_create", portal, "scheme", role_without_right=STAFF)
                for part in ("category", "criterion", "round", "organizer")
            ),
            _page("government:award_juror_create", portal, "scheme", role_without_right=STAFF),
            _page("government:award_affiliation_create", portal, "juror", role_without_right=STAFF),
            _page("government:award_relation_create", portal, "juror", role_without_right=STAFF),
            _page(
                "government:award_objection_create", portal, "submitted", role_without_right=STAFF
            ),
            _page(
                "government:award_certificate_revoke",
                portal,
                "certificate",
                role_without_right=STAFF,
            ),
            _page("government:award_scheme_edit", portal, "scheme", role_without_right=STAFF),
            _page("government:award_category_edit", portal, "category", role_without_right=STAFF),
            _page("government:award_criterion_edit", portal, "criterion", role_without_right=STAFF),
        ]
    if portal == "enterprise":
        return [
            Page("enterprise:award_entry_list", portal),
            Page(
                "enterprise:award_entry_create",
                portal,
                own=lambda w: [w.awards["scheme"].pk],
                role_without_right=STAFF,
            ),
            _page("enterprise:award_entry_detail", portal, "draft"),
            _page("enterprise:award_entry_edit", portal, "draft", role_without_right=STAFF),
            _page("enterprise:award_entry_submit", portal, "draft", role_without_right=STAFF),
            _page("enterprise:award_entry_withdraw", portal, "draft", role_without_right=STAFF),
        ]
    return [
        Page("individual:jury", portal),
        _page("individual:jury_assignment", portal, "assignment"),
        _page("individual:jury_recuse", portal, "assignment"),
        Page(
            "individual:jury_ballot",
            portal,
            own=lambda w: [w.awards["round"].pk, w.awards["category"].pk],
            other=lambda w: [w.awards["other_round"].pk, w.awards["other_category"].pk],
        ),
        _page("individual:jury_progress", portal, "round"),
    ]


POST_RIGHTS = {
    "enterprise:award_entry_create": "staff",
    "enterprise:award_entry_edit": "staff",
    "enterprise:award_entry_submit": "staff",
    "enterprise:award_entry_withdraw": "staff",
    "government:award_objection_answer": "staff",
    "government:award_certificate_revoke": "staff",
    "government:award_scheme_create": "staff",
    "government:award_category_create": "staff",
    "government:award_criterion_create": "staff",
    "government:award_round_create": "staff",
    "government:award_organizer_create": "staff",
    "government:award_juror_create": "staff",
    "government:award_affiliation_create": "staff",
    "government:award_relation_create": "staff",
    "government:award_objection_create": "staff",
    "individual:jury_assignment": None,
    "individual:jury_recuse": None,
    "individual:jury_ballot": None,
    "government:award_scheme_edit": "staff",
    "government:award_category_edit": "staff",
    "government:award_criterion_edit": "staff",
}
# POST-only steps and the export that redirects until the round is closed: tested in
# tests/awards/test_pages.py.
NOT_A_PAGE = {
    "government:award_scheme_step",
    "government:award_round_step",
    "government:award_scores_export",
}
