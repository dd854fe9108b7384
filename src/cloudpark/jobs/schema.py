"""schema.org ``JobPosting`` data of a posting, as search engines read it (Google's job
posting guidelines): title, description, dates, employer, place, pay and requirements."""

from cloudpark.jobs import enums


def _text(*parts):
    return "\n\n".join(str(part) for part in parts if part)


def job_posting(posting):
    enterprise = posting.enterprise
    address = {
        "@type": "PostalAddress",
        "addressLocality": str(posting.district or posting.city),
        "addressRegion": str(posting.city.parent or posting.city),
        "addressCountry": "CN",
    }
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": _text(posting.description, posting.conditions, posting.benefits),
        "datePosted": (posting.published_at or posting.created_at).date().isoformat(),
        "validThrough": f"{posting.valid_until.isoformat()}T23:59:59+08:00",
        "employmentType": enums.SCHEMA_EMPLOYMENT_TYPE[enums.JobNature(posting.nature)],
        "hiringOrganization": {"@type": "Organization", "name": enterprise.name},
        "jobLocation": {"@type": "Place", "address": address},
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "CNY",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": posting.salary_min * 1000,
                "maxValue": posting.salary_max * 1000,
                "unitText": "MONTH",
            },
        },
        "totalJobOpenings": posting.headcount,
        "occupationalCategory": str(enums.JobCategory(posting.category).label),
    }
    if enterprise.website:
        data["hiringOrganization"]["sameAs"] = enterprise.website
    if posting.education != enums.Education.ANY:
        data["educationRequirements"] = str(enums.Education(posting.education).label)
    if posting.experience != enums.Experience.ANY:
        data["experienceRequirements"] = str(enums.Experience(posting.experience).label)
    if posting.skills:
        data["skills"] = ", ".join(posting.skills)
    return data
