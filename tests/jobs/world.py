"""Job objects of the portal tests' world, the job pages of the permission matrix, and the
rows the query counts list.

Each enterprise of the world has a draft posting and a published one; the world's outsider
(the individual portal's person) keeps a résumé and has applied for the enterprise's
published posting, and follows it; a stranger has applied to the other enterprise.
"""

from cloudpark.jobs import services
from cloudpark.orgs import enums as org_enums
from tests.factories import UserFactory
from tests.factories.jobs import ApplicationFactory, JobPostingFactory, ProfileFactory


def _objects_of(enterprise, applicant):
    draft = JobPostingFactory(enterprise=enterprise)
    published = JobPostingFactory(enterprise=enterprise, published=True)
    return {
        "draft": draft,
        "posting": published,
        "application": ApplicationFactory(posting=published, applicant=applicant),
    }


def jobs_world(world):
    outsider = world.people["outsider"]
    ProfileFactory(user=outsider)
    stranger = ProfileFactory(user=UserFactory()).user
    own = _objects_of(world.enterprise, outsider)
    other = _objects_of(world.other_enterprise, stranger)
    follow = services.follow(outsider, world.enterprise)
    return {
        **own,
        **{f"other_{key}": value for key, value in other.items()},
        "follow": follow,
    }


def job_pages(portal):
    """The job pages of ``portal`` (``pages.py`` builds ``PAGES`` with them)."""
    from tests.portals.pages import STAFF, Page

    def page(name, key, role_without_right=None):
        return Page(
            name,
            portal,
            own=lambda w: [w.jobs[key].pk],
            other=lambda w: [w.jobs[f"other_{key}"].pk],
            role_without_right=role_without_right,
        )

    if portal == "enterprise":
        return [
            Page("enterprise:job_posting_list", portal),
            Page("enterprise:job_posting_create", portal, role_without_right=STAFF),
            page("enterprise:job_posting_detail", "posting"),
            page("enterprise:job_posting_edit", "draft", STAFF),
            Page("enterprise:job_application_list", portal, role_without_right=STAFF),
            page("enterprise:job_application_detail", "application", STAFF),
        ]
    if portal == "park":
        return [
            Page("park:job_posting_list", portal, role_without_right=STAFF),
            Page("park:job_settings", portal, role_without_right=STAFF),
            page("park:job_posting_detail", "posting", STAFF),
            Page("park:talent_figures", portal),
        ]
    if portal == "government":
        return [Page("government:talent_figures", portal)]
    return [
        Page("individual:job_resume", portal),
        Page("individual:job_resume_export", portal),
        Page("individual:job_resume_delete", portal),
        Page("individual:job_resume_row_add", portal, own=lambda w: ["experience"]),
        Page(
            "individual:job_apply",
            portal,
            own=lambda w: [w.jobs["other_posting"].pk],
        ),
        Page("individual:job_suggestions", portal),
        Page("individual:job_application_list", portal),
        page("individual:job_application_detail", "application"),
        Page("individual:job_feed", portal),
        Page(
            "individual:follow",
            portal,
            own=lambda w: ["organization", w.other_enterprise.pk],
        ),
    ]


# POST-only views; tests/jobs/test_pages.py says what each does.
JOB_ACTIONS = {
    "enterprise:job_posting_action",
    "enterprise:job_application_move",
    "individual:job_resume_row_remove",
    "individual:job_application_action",
    "individual:follow_change",
}

JOB_POST_RIGHTS = {
    "enterprise:job_posting_create": org_enums.Role.STAFF,
    "enterprise:job_posting_edit": org_enums.Role.STAFF,
    "park:job_settings": org_enums.Role.STAFF,
    "individual:job_resume": None,
    "individual:job_resume_delete": None,
    "individual:job_resume_row_add": None,
    "individual:job_apply": None,
    "individual:follow": None,
}


def jobs_with(count):
    """For the query counts: a park with an enterprise that published ``count`` postings, each
    with an application by its own person; a person who applied to all of them and follows
    the enterprise; then the park reviews postings, and ``count`` more await its review."""
    from tests.factories import EnterpriseFactory, ParkFactory
    from tests.factories.programs import admin_of

    park = ParkFactory()
    enterprise = EnterpriseFactory(park=park)
    person = ProfileFactory().user
    services.follow(person, enterprise)
    for _ in range(count):
        posting = JobPostingFactory(enterprise=enterprise, published=True)
        ApplicationFactory(posting=posting, applicant=person)
        ApplicationFactory(posting=posting)
    services.set_park_review(park, actor=admin_of(park), required=True)
    for _ in range(count):
        JobPostingFactory(enterprise=enterprise, published=True)
    return {
        "park": park,
        "enterprise": enterprise,
        "person": person,
        "enterprise_admin": admin_of(enterprise),
        "park_admin": admin_of(park),
    }
