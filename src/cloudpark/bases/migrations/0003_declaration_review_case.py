import django.db.models.deletion
from django.db import migrations, models


def link_declarations_to_their_cases(apps, schema_editor):
    """Declarations reviewed before the link existed find their case by flow and object."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Declaration = apps.get_model("bases", "Declaration")
    ReviewCase = apps.get_model("reviews", "ReviewCase")
    content_type = ContentType.objects.filter(app_label="bases", model="declaration").first()
    if content_type is None:
        return
    cases = ReviewCase.objects.filter(flow_key="bases.declaration", content_type=content_type)
    for case_id, declaration_id in cases.values_list("pk", "object_id"):
        Declaration.objects.filter(pk=declaration_id).update(review_case_id=case_id)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0002_annual_review_per_accreditation"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="declaration",
            name="review_case",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reviews.reviewcase",
                verbose_name="review",
            ),
        ),
        migrations.RunPython(link_declarations_to_their_cases, migrations.RunPython.noop),
    ]
