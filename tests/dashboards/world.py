"""The figures and dashboard pages of the permission matrix. They take no object: each shows
the acting organisation's own figures, or those of the parks in its care."""

from cloudpark.orgs import enums as org_enums


def dashboard_pages(portal):
    from tests.portals.pages import STAFF, Page

    if portal == "enterprise":
        return [
            Page("enterprise:dashboard", portal),
            Page("enterprise:figures", portal),
            Page("enterprise:figures_report", portal, role_without_right=STAFF),
        ]
    if portal == "park":
        return [
            Page("park:figures_missing", portal),
            Page("park:dashboard", portal),
            Page("park:dashboard_records", portal, own=lambda w: ["finance"]),
        ]
    if portal == "government":
        return [
            Page("government:dashboard", portal),
            Page("government:dashboard_records", portal, own=lambda w: ["deals"]),
        ]
    return []


DASHBOARD_POST_RIGHTS = {"enterprise:figures_report": org_enums.Role.STAFF}
