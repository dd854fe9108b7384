"""Drama filings of the portal tests' world, and the filing pages of the permission matrix.

Each enterprise of the world has a draft planning filing and an approved one (approved by the
body overseeing its park, which so issued its planning number) with a release filing in
draft; each government body so has a filing it reviewed and a number it issued.
"""

from cloudpark.filings import screening, services
from cloudpark.reviews import services as reviews
from cloudpark.reviews.enums import Decision
from tests.factories.bases import pdf
from tests.factories.filings import crew, planning_values, producer, release_with_cut, webm
from tests.factories.programs import admin_of


def _objects_of(enterprise, government, suffix):
    filer = admin_of(enterprise)

    def draft(title):
        return services.create_planning_filing(
            enterprise,
            actor=filer,
            producers=[producer(enterprise)],
            people=crew(),
            **planning_values(title=title),
        )

    approved = draft(f"云上长歌{suffix}")
    material = services.attach_material(
        approved, actor=filer, name="制作合同", uploaded=pdf("制作合同.pdf")
    )
    approved = services.submit_planning_filing(approved, actor=filer)
    reviews.decide(
        approved.review_case,
        actor=admin_of(government),
        stage_key="provincial_review",
        decision=Decision.APPROVE,
    )
    release = services.create_release_filing(
        approved, actor=filer, platforms=["云视频"], actual_investment=100, actor_fees=10
    )
    cut = screening.attach_cut(release, actor=filer, uploaded=webm(), duration="00:45:00")
    # A second work whose release filing is with the bureau, its film attached.
    screened_planning = draft(f"江河入海{suffix}")
    screened_planning = services.submit_planning_filing(screened_planning, actor=filer)
    reviews.decide(
        screened_planning.review_case,
        actor=admin_of(government),
        stage_key="provincial_review",
        decision=Decision.APPROVE,
    )
    screened = release_with_cut(None, screened_planning, filer=filer)
    return {
        "draft": draft(f"山海之间{suffix}"),
        "approved": approved,
        "release": release,
        "number": approved.numbers.get(),
        "material": material,
        "cut": cut,
        "screened": screened,
    }


def filings_world(world):
    own = _objects_of(world.enterprise, world.government, "甲")
    other = _objects_of(world.other_enterprise, world.other_government, "乙")
    return {**own, **{f"other_{key}": value for key, value in other.items()}}


def _page(name, portal, key, *, role_without_right=None):
    from tests.portals.pages import Page

    return Page(
        name,
        portal,
        own=lambda w: [w.filings[key].pk],
        other=lambda w: [w.filings[f"other_{key}"].pk],
        role_without_right=role_without_right,
    )


def filing_pages(portal):
    """The filing pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import STAFF, Page

    if portal == "government":
        return [
            Page("government:filing_list", portal),
            _page("government:filing_detail", portal, "approved"),
            _page("government:filing_material_download", portal, "material"),
            Page("government:filing_number_list", portal),
            _page("government:filing_number_revoke", portal, "number", role_without_right=STAFF),
            _page("government:release_screening", portal, "screened"),
        ]
    return [
        Page("enterprise:filing_list", portal),
        Page("enterprise:filing_create", portal, role_without_right=STAFF),
        _page("enterprise:filing_detail", portal, "draft"),
        _page("enterprise:filing_edit", portal, "draft", role_without_right=STAFF),
        _page("enterprise:filing_submit", portal, "draft", role_without_right=STAFF),
        _page("enterprise:filing_withdraw", portal, "draft", role_without_right=STAFF),
        _page("enterprise:filing_rename", portal, "approved", role_without_right=STAFF),
        _page("enterprise:filing_material", portal, "draft", role_without_right=STAFF),
        _page("enterprise:filing_material_download", portal, "material"),
        _page("enterprise:release_create", portal, "approved", role_without_right=STAFF),
        _page("enterprise:release_detail", portal, "release"),
        _page("enterprise:release_edit", portal, "release", role_without_right=STAFF),
        _page("enterprise:release_submit", portal, "release", role_without_right=STAFF),
        _page("enterprise:release_cut", portal, "release", role_without_right=STAFF),
        _page("enterprise:release_material", portal, "release", role_without_right=STAFF),
        _page("enterprise:filing_cut_download", portal, "cut"),
    ]


# Every filing URL taking a POST, with the role refused it.
FILING_POST_RIGHTS = {
    **{
        f"enterprise:{name}": "staff"
        for name in (
            "filing_create",
            "filing_edit",
            "filing_submit",
            "filing_withdraw",
            "filing_rename",
            "filing_material",
            "release_create",
            "release_edit",
            "release_submit",
            "release_cut",
            "release_material",
        )
    },
    "government:filing_number_revoke": "staff",
    "government:release_screening": "staff",
}

# Not pages: opening a viewing session (a POST from the screening room) and the film's stream
# (only for the session's own reviewer), both tested in tests/filings/test_screening_pages.py.
FILING_ACTIONS = {"government:release_screening_open", "government:screening_film"}
