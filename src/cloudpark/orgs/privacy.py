"""Whether a viewer sees an organisation's personal data, for the pages and the API alike."""

from cloudpark.core import privacy


def personal_data_context(user, target, fields=("contact_mobile",)):
    """Whether ``user`` sees ``target``'s personal data unmasked on this page.

    Entitled viewers are those with the personal-data right in the organisation itself or in
    one that looks after it; each time they are shown it, the view is logged.
    """
    visible = user.has_perm("orgs.view_personal_data", target)
    if visible:
        privacy.record_personal_data_view(target, actor=user, fields=fields)
    return {"personal_data_visible": visible}
