from django.db import migrations


def load(apps, schema_editor):
    # Imported only when this runs, so that loading the migration graph never needs it.
    from cloudpark.orgs import reference

    reference.load_categories(apps.get_model("orgs", "IndustryCategory"))
    reference.load_regions(apps.get_model("orgs", "Region"))
    reference.load_tags(apps.get_model("orgs", "QualificationTag"))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
