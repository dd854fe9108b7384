"""Who may report and read the yearly figures and the dashboards. The object is the
organisation the user acts for; what a dashboard shows is then limited by
``orgs.selectors.parks_in_care_of``."""

import rules

from cloudpark.orgs.rules import (
    can_manage_profile,
    can_view_enterprises,
    is_government,
    is_member_of_organization,
    is_park,
)
from cloudpark.programs.rules import is_enterprise

# An enterprise's own yearly figures: every member reads them, the administrators report.
rules.add_perm("dashboards.view_figures", is_enterprise & is_member_of_organization)
rules.add_perm("dashboards.report_figures", is_enterprise & can_manage_profile)
# Parks follow who has not reported; parks and government bodies read their dashboards.
rules.add_perm("dashboards.view_missing_reports", is_park & can_view_enterprises)
rules.add_perm("dashboards.view_dashboard", (is_park | is_government) & can_view_enterprises)
