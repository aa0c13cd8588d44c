"""A parent's consent belongs to one pack: the pack keeps the sections the
parent consented to. Until now a pack's sections could not change after it
was prepared, so a pack that already has a consent was consented to with the
sections it holds: those are recorded as what was consented to."""

from django.db import migrations, models


def record_what_was_consented_to(apps, schema_editor):
    from nursery.registry import record_source

    Transfer = apps.get_model("transitions", "Transfer")
    db = schema_editor.connection.alias
    consented = Transfer.objects.using(db).filter(consent_at__isnull=False)
    for transfer in consented.only("pk", "sections"):
        items = []
        for key in transfer.sections or []:
            source = record_source.registry.get(key)
            items.append({"key": key, "title": str(source.title) if source else ""})
        Transfer.objects.using(db).filter(pk=transfer.pk).update(consented_sections=items)


class Migration(migrations.Migration):
    dependencies = [("transitions", "0004_households_after_bounded_text")]

    operations = [
        migrations.AddField(
            model_name="transfer",
            name="consented_sections",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(record_what_was_consented_to, migrations.RunPython.noop),
    ]
