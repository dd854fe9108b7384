import cloudpark.core.crypto
import cloudpark.core.validators
from django.db import migrations, models


def encrypt_stored_numbers(apps, schema_editor):
    """Numbers stored before encryption are read as they are and written back encrypted, with
    their digest. Raw SQL: the model's field would try to decrypt the plain text."""
    table = apps.get_model("accounts", "User")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, resident_id FROM {table} WHERE resident_id <> ''")
        for pk, number in cursor.fetchall():
            if len(number) > 18:
                continue  # already a token
            cursor.execute(
                f"UPDATE {table} SET resident_id = %s, resident_id_digest = %s WHERE id = %s",
                [cloudpark.core.crypto.encrypt(number), cloudpark.core.crypto.digest(number), pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="resident_id_digest",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="user",
            name="resident_id",
            field=cloudpark.core.crypto.EncryptedTextField(
                blank=True,
                max_length=18,
                validators=[cloudpark.core.validators.validate_resident_id],
                verbose_name="resident ID number",
            ),
        ),
        migrations.RunPython(encrypt_stored_numbers, migrations.RunPython.noop, elidable=True),
    ]
