"""Masking of personal data for viewers who are not entitled to see it in full."""

from cloudpark.core import audit

MASK = "*"


def mask_phone(value):
    """``13812341234`` -> ``138****1234``; a landline keeps its area code and last four
    digits: ``0571-88886666`` -> ``0571-****6666``."""
    value = str(value or "")
    if "-" in value:
        area, local, *extension = value.split("-")
        if len(local) <= 4 or (extension and area in {"400", "800"}):
            # A service number (400-820-8820) or a short group: the middle goes.
            return "-".join([area, MASK * len(local), *extension])
        return "-".join([area, MASK * (len(local) - 4) + local[-4:], *extension])
    if len(value) < 11:
        # Not a whole number: showing 3 + 4 of it would show most or all of it.
        return MASK * len(value)
    return value[:3] + MASK * (len(value) - 7) + value[-4:]


def mask_resident_id(value):
    """Keep the region's first digits and the check character: ``110105********123X`` style."""
    value = str(value or "")
    if len(value) < 15:
        # Shorter than any resident ID (15 or 18 characters): hide all of it.
        return MASK * len(value)
    return value[:6] + MASK * (len(value) - 10) + value[-4:]


def mask_name(value):
    """``张三丰`` -> ``张**``; ``Li Wei`` -> ``L*****``."""
    value = str(value or "")
    if not value:
        return ""
    return value[0] + MASK * (len(value) - 1)


def mask_email(value):
    value = str(value or "")
    local, at, domain = value.partition("@")
    if not at:
        return mask_name(value)
    return local[:1] + MASK * max(len(local) - 1, 1) + "@" + domain


def record_personal_data_view(obj, *, actor, fields):
    """Log that a privileged user was shown ``obj``'s personal data unmasked."""
    return audit.log_action(
        obj, audit.PERSONAL_DATA_VIEWED, actor=actor, data={"fields": list(fields)}
    )
