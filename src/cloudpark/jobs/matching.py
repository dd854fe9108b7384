"""Why a person and a posting fit: plain reasons both sides can read ("Editing, 3-5 years,
Chaoyang District"), and a score that only orders suggestions.

Matching is transparent by construction (PIPL art. 24): each point of the score is one reason
shown beside the match, and a person who opts out of automated ranking is neither suggested
to employers nor ranked for them.
"""

from dataclasses import dataclass, field

from cloudpark.jobs import enums


@dataclass
class Match:
    score: int = 0
    reasons: list = field(default_factory=list)


def _experience_fits(profile, posting):
    wanted = posting.experience
    if wanted == enums.Experience.ANY:
        return False  # no reason to show: anyone fits
    return profile.experience == wanted or (
        enums.EXPERIENCE_YEARS.get(profile.experience, (0, 0))[0]
        >= enums.EXPERIENCE_YEARS.get(wanted, (0, 0))[0]
    )


def match(profile, posting):
    """The reasons ``profile`` fits ``posting``, strongest first, as labels."""
    result = Match()
    if posting.category in (profile.categories or []):
        result.score += 3
        result.reasons.append(str(enums.JobCategory(posting.category).label))
    if _experience_fits(profile, posting):
        result.score += 2
        result.reasons.append(str(enums.Experience(profile.experience).label))
    if (
        posting.education != enums.Education.ANY
        and enums.EDUCATION_RANK.get(profile.education, 0)
        >= enums.EDUCATION_RANK[enums.Education(posting.education)]
    ):
        result.score += 1
        result.reasons.append(str(enums.Education(profile.education).label))
    if profile.district_id and profile.district_id == posting.district_id:
        result.score += 2
        result.reasons.append(str(posting.district))
    elif profile.city_id and profile.city_id == posting.city_id:
        result.score += 1
        result.reasons.append(str(posting.city))
    shared = _shared_skills(profile.skills, posting.skills)
    if shared:
        result.score += len(shared)
        result.reasons.extend(shared)
    return result


def _shared_skills(mine, wanted):
    lowered = {str(skill).strip().lower() for skill in mine or []}
    return [skill for skill in wanted or [] if str(skill).strip().lower() in lowered]


def ranked(pairs):
    """``[(item, Match)]`` with at least one reason, best first (ties keep their order)."""
    kept = [(item, found) for item, found in pairs if found.reasons]
    return sorted(kept, key=lambda pair: pair[1].score, reverse=True)
