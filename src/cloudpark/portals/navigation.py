"""The menu of each portal: an entry shows when the user holds its permission."""

from django.utils.translation import gettext_lazy as _

from cloudpark.portals.base import Portal

MENUS = {
    Portal.GOVERNMENT: [
        ("government:home", _("Overview"), None),
        ("government:review_list", _("Reviews"), None),
        ("government:park_list", _("Parks"), "orgs.view_parks"),
        ("government:enterprise_list", _("Enterprises"), "orgs.view_enterprises"),
        ("government:import_list", _("Import"), "orgs.import_enterprises"),
        ("government:members", _("Members"), "orgs.view_members"),
    ],
    Portal.PARK: [
        ("park:home", _("Overview"), None),
        ("park:review_list", _("Reviews"), None),
        ("park:enterprise_list", _("Enterprises"), "orgs.view_enterprises"),
        ("park:import_list", _("Import"), "orgs.import_enterprises"),
        ("park:profile", _("Park profile"), None),
        ("park:members", _("Members"), "orgs.view_members"),
    ],
    Portal.ENTERPRISE: [
        ("enterprise:home", _("Overview"), None),
        ("enterprise:profile", _("Profile"), None),
        ("enterprise:members", _("Members"), "orgs.view_members"),
    ],
    Portal.INDIVIDUAL: [
        ("individual:home", _("Overview"), None),
        ("individual:profile", _("My profile"), None),
        ("individual:notifications", _("Notifications"), None),
    ],
}
PUBLIC_MENU = [
    ("public:home", _("Home")),
    ("public:park_list", _("Parks")),
    ("public:enterprise_list", _("Enterprises")),
]


def menu_for(user, portal, organization):
    return [
        (url_name, label)
        for url_name, label, permission in MENUS.get(portal, [])
        if permission is None or user.has_perm(permission, organization)
    ]
