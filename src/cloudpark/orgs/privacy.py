"""Whether a viewer sees an organisation's personal data, for the pages and the API alike."""

from cloudpark.core import privacy

# An organisation's personal data: who represents it and whom to call, by name and number.
PERSONAL_FIELDS = ("legal_representative", "contact_name", "contact_mobile")


def personal_data_context(user, target, fields=PERSONAL_FIELDS):
    """Whether ``user`` sees ``target``'s personal data unmasked on this page.

    Entitled viewers are those with the personal-data right in the organisation itself or in
    one that looks after it; each time they are shown it, the view is logged.
    """
    visible = user.has_perm("orgs.view_personal_data", target)
    if visible:
        privacy.record_personal_data_view(target, actor=user, fields=fields)
    return {"personal_data_visible": visible}
