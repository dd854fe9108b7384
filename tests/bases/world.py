"""Accreditation objects of the portal tests' world, and the accreditation pages of the
permission matrix.

Each government body of the world opens a national round (the factory does not ask for a
national organiser) and a provincial one; its park, a provincial base it accredited, drafts a
declaration for the national round; a park not yet rated in its care has submitted one for
the provincial round; and the base has sent in an annual review.
"""

from cloudpark.orgs import enums
from tests.factories import (
    AccreditationFactory,
    AccreditationRoundFactory,
    AnnualReviewFactory,
    DeclarationFactory,
    DeclarationMaterialFactory,
    ParkFactory,
)
from tests.factories.bases import submitted_declaration


def _objects_of(government, park):
    national = AccreditationRoundFactory(organiser=government, level="national")
    provincial = AccreditationRoundFactory(organiser=government)
    AccreditationFactory(park=park, decided_by=government)
    draft = DeclarationFactory(park=park, round=national)
    candidate = ParkFactory(level=enums.ParkLevel.UNRATED)
    government.jurisdiction.add(candidate)
    return {
        "round": national,
        "declaration": draft,
        "material": DeclarationMaterialFactory(declaration=draft),
        "submitted": submitted_declaration(candidate, provincial),
        "annual_review": AnnualReviewFactory(park=park),
    }


def bases_world(world):
    own = _objects_of(world.government, world.park)
    other = _objects_of(world.other_government, world.other_park)
    return {**own, **{f"other_{key}": value for key, value in other.items()}}


def _page(name, portal, key=None, *, park=False, role_without_right=None):
    """A page whose argument is ``w.bases[key]`` (or the world's park, with ``park=True``)."""
    from tests.portals.pages import Page

    if park:
        return Page(
            name,
            portal,
            own=lambda w: [w.park.pk],
            other=lambda w: [w.other_park.pk],
            role_without_right=role_without_right,
        )
    return Page(
        name,
        portal,
        own=lambda w: [w.bases[key].pk],
        other=lambda w: [w.bases[f"other_{key}"].pk],
        role_without_right=role_without_right,
    )


def base_pages(portal):
    """The accreditation pages of ``portal`` (``pages.py`` builds ``PAGES`` with them, so the
    page types are read from it when called)."""
    from tests.portals.pages import STAFF, Page

    if portal == "government":
        return [
            Page("government:base_round_list", portal),
            Page("government:base_round_create", portal, role_without_right=STAFF),
            _page("government:base_round_detail", portal, "round"),
            _page("government:base_round_edit", portal, "round", role_without_right=STAFF),
            _page("government:base_round_delete", portal, "round", role_without_right=STAFF),
            _page("government:base_declaration_detail", portal, "submitted"),
            Page(
                "government:base_material_download",
                portal,
                own=lambda w: [w.bases["submitted"].materials.first().pk],
                other=lambda w: [w.bases["other_submitted"].materials.first().pk],
            ),
            Page("government:base_annual_list", portal),
            _page("government:base_annual_detail", portal, "annual_review"),
            _page("government:base_detail", portal, park=True),
            _page("government:base_end", portal, park=True, role_without_right=STAFF),
        ]
    return [
        Page("park:base_round_list", portal),
        _page("park:base_round_detail", portal, "round"),
        _page("park:base_declare", portal, "round", role_without_right=STAFF),
        Page("park:base_declaration_list", portal),
        _page("park:base_declaration_detail", portal, "declaration"),
        _page("park:base_declaration_edit", portal, "declaration", role_without_right=STAFF),
        _page("park:base_material_upload", portal, "declaration", role_without_right=STAFF),
        _page("park:base_declaration_submit", portal, "declaration", role_without_right=STAFF),
        _page("park:base_declaration_withdraw", portal, "declaration", role_without_right=STAFF),
        _page("park:base_material_download", portal, "material"),
        Page("park:base_annual_list", portal),
        Page("park:base_annual_create", portal, role_without_right=STAFF),
    ]


def bases_with(count):
    """For the query counts: a bureau under the national administration opens ``count``
    provincial rounds; its park (``"park"``) drafts a declaration for each, then turns out to
    have been a base for years and reports ``count`` years; ``count`` other parks declare for
    the first round and are approved; and ``count`` bases it accredited years ago report last
    year."""
    from django.utils import timezone

    from cloudpark.bases import selectors
    from cloudpark.reviews import services as review_services
    from tests.factories import GovernmentBodyFactory, MembershipFactory

    administration = GovernmentBodyFactory(level=enums.GovernmentLevel.NATIONAL)
    bureau = GovernmentBodyFactory(level=enums.GovernmentLevel.PROVINCIAL, parent=administration)
    chief = MembershipFactory(organization=bureau, role=enums.Role.ADMIN).user
    park = ParkFactory(level=enums.ParkLevel.UNRATED)
    bureau.jurisdiction.add(park)
    rounds = [AccreditationRoundFactory(organiser=bureau) for _ in range(count)]
    for accreditation_round in rounds:
        DeclarationFactory(park=park, round=accreditation_round)
    AccreditationFactory(park=park, decided_by=bureau)
    this_year = timezone.localdate().year
    for year in range(this_year - count, this_year):
        AnnualReviewFactory(park=park, year=year)
    for _ in range(count):
        other = ParkFactory(level=enums.ParkLevel.UNRATED)
        bureau.jurisdiction.add(other)
        declaration = submitted_declaration(other, rounds[0])
        case = selectors.case_of(declaration)
        review_services.decide(
            case, actor=chief, stage_key=case.stage_key, decision="approve", data=None
        )
        veteran = ParkFactory(level=enums.ParkLevel.UNRATED)
        bureau.jurisdiction.add(veteran)
        AccreditationFactory(park=veteran, decided_by=bureau)
        AnnualReviewFactory(park=veteran, year=this_year - 1)
    return {"park": park, "government": bureau, "round": rounds[0]}
