"""Transfer packs store the keys of the record sources they hold. Those keys
were the Python paths of the sources' functions; they are now stable names
of their own (nursery.registry). Stored packs are rewritten to the new keys,
so a pack prepared before keeps its chosen sections."""

from django.db import migrations

# Old key (the function's module and name) -> the source's key.
KEYS = {
    "transitions.records.basic_record": "transitions.basic_record",
    "transitions.records.transfer_summary": "transitions.summary",
    "families.records.meetings_record": "families.meetings",
    "families.records.progress_record": "families.progress",
    "families.records.support_plans_record": "families.support_plans",
    "families.records.settling_in_record": "families.settling_in",
    "consents.panels.leaver_records": "consents.leaver_records",
    "agencies.panels.third_party_information": "agencies.third_party_information",
}


def rewrite(apps, schema_editor, mapping):
    Transfer = apps.get_model("transitions", "Transfer")
    db = schema_editor.connection.alias
    for transfer in Transfer.objects.using(db).only("pk", "sections"):
        sections = transfer.sections or []
        # A key no source knows is kept as it is: nothing chosen is lost.
        new = sorted({mapping.get(key, key) for key in sections})
        if new != sections:
            Transfer.objects.using(db).filter(pk=transfer.pk).update(sections=new)


def forwards(apps, schema_editor):
    rewrite(apps, schema_editor, KEYS)


def backwards(apps, schema_editor):
    rewrite(apps, schema_editor, {new: old for old, new in KEYS.items()})


class Migration(migrations.Migration):
    dependencies = [("transitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
