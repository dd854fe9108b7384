import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def keep_published_items_published(apps, schema_editor):
    """Disclosure items were published as they were written: the ones there are stay
    published, dated when they were written. Clarifications kept their state already."""
    DisclosureItem = apps.get_model("news", "DisclosureItem")
    DisclosureItem.objects.all().update(state="published", published_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0001_initial'),
        ('reviews', '0002_case_label_in_english'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='clarification',
            name='review_case',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.reviewcase', verbose_name='review'),
        ),
        migrations.AddField(
            model_name='disclosureitem',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='published'),
        ),
        migrations.AddField(
            model_name='disclosureitem',
            name='review_case',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.reviewcase', verbose_name='review'),
        ),
        migrations.AddField(
            model_name='disclosureitem',
            name='state',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('returned', 'Returned for revision'), ('published', 'Published'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='draft', max_length=10, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='clarification',
            name='state',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('returned', 'Returned for revision'), ('published', 'Published'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='draft', max_length=10, verbose_name='state'),
        ),
        migrations.AddIndex(
            model_name='disclosureitem',
            index=models.Index(fields=['state', '-issued_on'], name='news_disclo_state_bff162_idx'),
        ),
        migrations.RunPython(keep_published_items_published, migrations.RunPython.noop),
    ]
