"""The purposes every family is asked about, as data."""

from django.db import migrations

from consents.purposes import CORE_PURPOSES, ensure_core_purposes


def create_purposes(apps, schema_editor):
    ensure_core_purposes(
        apps.get_model("consents", "ConsentType"), using=schema_editor.connection.alias
    )


def remove_purposes(apps, schema_editor):
    ConsentType = apps.get_model("consents", "ConsentType")
    ConsentType.objects.filter(
        code__in=[p["code"] for p in CORE_PURPOSES], events__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("consents", "0001_initial")]

    operations = [migrations.RunPython(create_purposes, remove_purposes)]
