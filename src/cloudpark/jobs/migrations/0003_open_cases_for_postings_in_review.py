from datetime import timedelta

from django.db import migrations

# As ``jobs.flows`` declares them: parks reviewed postings in one stage until now.
FLOW_KEY = "jobs.posting"
STAGE_KEY = "park_review"
DEADLINE_DAYS = 3


def open_cases_for_postings_in_review(apps, schema_editor):
    """Postings sent to their park's one-step review before it ran on the review engine get
    the case they would have had: at the park's review, submitted when they were, due three
    days later, so that they appear in the park's review queue. Their history stays on the
    posting (``jobs.posting.submitted``); the case's own begins with the park's decision."""
    JobPosting = apps.get_model("jobs", "JobPosting")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReviewCase = apps.get_model("reviews", "ReviewCase")
    AuditEntry = apps.get_model("core", "AuditEntry")
    waiting = JobPosting.objects.filter(state="in_review", review_case__isnull=True).exclude(
        park__isnull=True
    )
    if not waiting.exists():
        return
    posting_type, _created = ContentType.objects.get_or_create(app_label="jobs", model="jobposting")
    for posting in waiting.iterator():
        sent = (
            AuditEntry.objects.filter(
                content_type=posting_type,
                object_id=str(posting.pk),
                action="jobs.posting.submitted",
            )
            .order_by("-id")
            .values_list("created_at", flat=True)
            .first()
            or posting.updated_at
        )
        case = ReviewCase.objects.create(
            flow_key=FLOW_KEY,
            content_type=posting_type,
            object_id=posting.pk,
            subject_label=posting.title[:300],
            applicant_id=posting.enterprise_id,
            state="in_review",
            stage_key=STAGE_KEY,
            reviewing_organization_id=posting.park_id,
            submitted_at=sent,
            stage_started_at=sent,
            due_at=sent + timedelta(days=DEADLINE_DAYS),
        )
        JobPosting.objects.filter(pk=posting.pk).update(review_case_id=case.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_posting_review_on_the_engine"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("reviews", "0002_case_label_in_english"),
    ]

    operations = [
        migrations.RunPython(open_cases_for_postings_in_review, migrations.RunPython.noop),
    ]
