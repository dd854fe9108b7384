"""The menu of each portal: an entry shows when the user holds its permission."""

import rules
from django.utils.translation import gettext_lazy as _

from cloudpark.core.addresses import address
from cloudpark.portals.base import Portal

MENUS = {
    Portal.GOVERNMENT: [
        ("government:home", _("Overview"), None),
        ("government:dashboard", _("Dashboard"), "dashboards.view_dashboard"),
        ("government:review_list", _("Reviews"), None),
        ("government:park_list", _("Parks"), "orgs.view_parks"),
        ("government:enterprise_list", _("Enterprises"), "orgs.view_enterprises"),
        ("government:import_list", _("Import"), "orgs.import_enterprises"),
        ("government:policy_list", _("Policies"), "programs.view_applications"),
        ("government:programme_list", _("Programmes"), "programs.view_applications"),
        ("government:application_list", _("Applications"), "programs.view_applications"),
        ("government:base_round_list", _("Accreditation"), "bases.view_rounds"),
        ("government:base_annual_list", _("Annual reviews"), "bases.view_rounds"),
        ("government:event_list", _("Events"), "events.view_events"),
        ("government:news_article_list", _("News"), "news.edit_news"),
        ("government:filing_list", _("Drama filings"), "filings.view_reviewed"),
        ("government:award_scheme_list", _("Awards"), "awards.view_schemes"),
        ("government:members", _("Members"), "orgs.view_members"),
        ("government:talent_figures", _("Talent figures"), "jobs.view_talent_figures"),
        ("government:benefit_statistics", _("Benefits"), "benefits.view_statistics"),
        ("government:market_overview", _("Supply and demand"), "market.oversee_market"),
        ("government:copyright_overview", _("Copyright"), "copyright.view_overview"),
    ],
    Portal.PARK: [
        ("park:home", _("Overview"), None),
        ("park:dashboard", _("Dashboard"), "dashboards.view_dashboard"),
        ("park:review_list", _("Reviews"), None),
        ("park:enterprise_list", _("Enterprises"), "orgs.view_enterprises"),
        ("park:import_list", _("Import"), "orgs.import_enterprises"),
        ("park:application_list", _("Applications"), "programs.view_applications"),
        ("park:base_round_list", _("Accreditation"), "bases.view_declarations"),
        ("park:base_annual_list", _("Annual reviews"), "bases.view_declarations"),
        ("park:event_list", _("Events"), "events.view_events"),
        ("park:news_article_list", _("News"), "news.edit_news"),
        ("park:profile", _("Park profile"), None),
        ("park:members", _("Members"), "orgs.view_members"),
        ("park:job_posting_list", _("Job postings"), "jobs.review_postings"),
        ("park:talent_figures", _("Talent figures"), "jobs.view_talent_figures"),
        ("park:figures_missing", _("Yearly figures"), "dashboards.view_missing_reports"),
        ("park:benefit_offer_list", _("Benefits"), "benefits.redeem_codes"),
        ("park:market_overview", _("Supply and demand"), "market.oversee_market"),
    ],
    Portal.ENTERPRISE: [
        ("enterprise:home", _("Overview"), None),
        ("enterprise:profile", _("Profile"), None),
        ("enterprise:dashboard", _("Dashboard"), "dashboards.view_figures"),
        ("enterprise:figures", _("Yearly figures"), "dashboards.view_figures"),
        ("enterprise:programme_list", _("Support programmes"), "programs.browse_programmes"),
        ("enterprise:application_list", _("Our applications"), "programs.view_applications"),
        ("enterprise:exhibition_list", _("Exhibitions"), "events.apply_to_exhibit"),
        ("enterprise:filing_list", _("Drama filings"), "filings.view_filings"),
        ("enterprise:award_entry_list", _("Awards"), "awards.view_entries"),
        ("enterprise:members", _("Members"), "orgs.view_members"),
        ("enterprise:job_posting_list", _("Job postings"), "jobs.view_postings"),
        ("enterprise:job_application_list", _("Job applications"), "jobs.manage_applications"),
        ("enterprise:finance_need_list", _("Financing"), "finance.view_financing"),
        ("enterprise:market_post_list", _("Supply and demand"), "market.view_market"),
        ("enterprise:copyright_work_list", _("Copyright"), "copyright.view_register"),
    ],
    Portal.INDIVIDUAL: [
        ("individual:home", _("Overview"), None),
        ("individual:profile", _("My profile"), None),
        ("individual:registration_list", _("My events"), None),
        ("individual:jury", _("My jury work"), "awards.sit_on_a_jury"),
        ("individual:notifications", _("Notifications"), None),
        ("individual:export_list", _("My exports"), None),
        ("individual:job_resume", _("My résumé"), None),
        ("individual:job_application_list", _("My job applications"), None),
        ("individual:job_feed", _("Following"), None),
        ("individual:finance_product_list", _("Finance desk"), "finance.act_for_institution"),
        ("individual:benefit_offer_list", _("My benefits"), None),
        ("individual:partner_offer_list", _("Benefits desk"), "benefits.act_for_partner"),
        ("individual:copyright_pledge_verify", _("Verify a pledge"), "copyright.verify_pledge"),
    ],
}
# The public site's menu: the pages most people come for, then the rest under "More", so
# that the bar keeps to one line on a laptop in English too.
PUBLIC_MENU = [
    ("public:home", _("Home")),
    ("public:programme_list", _("Programmes")),
    ("public:event_list", _("Events")),
    ("public:enterprise_list", _("Enterprises")),
    ("public:park_list", _("Parks")),
    ("public:news_index", _("News")),
]
PUBLIC_MORE = [
    ("public:base_list", _("Accredited bases")),
    ("public:job_list", _("Jobs")),
    ("public:filing_notice_list", _("Drama notices")),
    ("public:award_scheme_list", _("Awards")),
    ("public:finance_product_list", _("Finance")),
    ("public:benefit_offer_list", _("Benefits")),
    ("public:market_post_list", _("Supply and demand")),
    ("public:copyright_work_list", _("Works for licensing")),
]


def with_addresses(entries):
    """A menu's ``(url name, label)`` entries as ``(address, label)``. The addresses are
    reversed once a process: the header reversed its twenty-odd entries on every page."""
    return [(address(url_name), label) for url_name, label in entries]


def menu_for(user, portal, organization):
    # The named rules alone: Django's model permissions, which ``user.has_perm`` would load
    # first (two queries on a page without an organisation), never open a menu entry.
    return with_addresses(
        (url_name, label)
        for url_name, label, permission in MENUS.get(portal, [])
        if permission is None or rules.has_perm(permission, user, organization)
    )
