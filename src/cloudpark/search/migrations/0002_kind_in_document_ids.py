"""Renumber the documents so that each id carries its kind's number in its low bits
(``SearchDocument.new_ids``): id × 32 + number. The ids keep their order; documents of a
kind no longer registered are removed (a ``reindex`` would drop them too)."""

from django.db import migrations

from cloudpark.search import registry
from cloudpark.search.models import ID_BITS


def renumber(apps, schema_editor):
    document = apps.get_model("search", "SearchDocument")
    table = document._meta.db_table
    numbers = {key: kind.number for key, kind in registry.kinds().items()}
    manager = document.objects.using(schema_editor.connection.alias)
    manager.exclude(kind__in=list(numbers)).delete()
    if not numbers or not manager.exists():
        return
    cases = " ".join(f"WHEN %s THEN {int(number)}" for number in numbers.values())
    with schema_editor.connection.cursor() as cursor:
        # Through negative ids, so that no new id meets an old one not yet renumbered.
        cursor.execute(
            f'UPDATE "{table}" SET "id" = -("id" * {1 << ID_BITS} + CASE "kind" {cases} END)',
            list(numbers),
        )
        cursor.execute(f'UPDATE "{table}" SET "id" = -"id"')


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(renumber, migrations.RunPython.noop)]
