import django.db.models.deletion
from django.db import migrations, models


def acknowledgements_per_household(apps, schema_editor):
    """Each accident acknowledged becomes the acknowledgement of the home of
    the adult who read it (their household for the accident's child)."""
    ParentLink = apps.get_model("families", "ParentLink")
    Acknowledgement = apps.get_model("safety", "AcknowledgementOfAccident")
    homes = {
        (parent, child): household
        for parent, child, household in ParentLink.objects.values_list(
            "parent_id", "child_id", "household"
        )
    }
    for ack in Acknowledgement.objects.select_related("accident"):
        ack.household = homes.get((ack.acknowledged_by_id, ack.accident.child_id), 1)
        ack.save(update_fields=["household"])


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0009_reads_per_household"),
        ("safety", "0002_text_fields_bounded"),
    ]

    operations = [
        migrations.AddField(
            model_name="acknowledgementofaccident",
            name="household",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="household"),
        ),
        migrations.RunPython(acknowledgements_per_household, migrations.RunPython.noop),
    ]
