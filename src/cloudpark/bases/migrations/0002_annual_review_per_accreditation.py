"""A year is reviewed once per accreditation, not once per park: a park accredited afresh
after a revocation reviews its years again under the new accreditation."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("bases", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="annualreview", name="bases_one_review_per_year"),
        migrations.AddConstraint(
            model_name="annualreview",
            constraint=models.UniqueConstraint(
                fields=("accreditation", "year"), name="bases_one_review_per_accreditation_year"
            ),
        ),
    ]
