"""What the verify endpoint answers about a number, for platforms that must check one: whether
it is real, what it covers and whether it is still valid."""

from cloudpark.filings import enums


def verification_of(number):
    """The public facts of an issued number, as plain data."""
    filing = number.planning
    release = number.release
    return {
        "number": number.number,
        "real": True,
        "series": number.series,
        "status": number.status,
        "valid": number.status == enums.NumberStatus.VALID,
        "issuer": number.issuer.name,
        "issued_on": number.issued_on.isoformat(),
        "status_changed_on": number.status_changed_on.isoformat()
        if number.status_changed_on
        else None,
        "covers": {
            "title": release.title if release else filing.title,
            "kind": filing.kind,
            "episodes": release.episodes if release else filing.episodes,
            "minutes_per_episode": str(
                release.minutes_per_episode if release else filing.minutes_per_episode
            ),
            "filed_by": filing.project.enterprise.name,
        },
    }
