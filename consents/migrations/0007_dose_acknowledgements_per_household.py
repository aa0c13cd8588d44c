import django.db.models.deletion
from django.db import migrations, models


def acknowledgements_per_household(apps, schema_editor):
    """Each dose acknowledged becomes the acknowledgement of the home of the
    adult who saw it (their household for the dose's child; the first, 1,
    when no link says). The historical model has a plain manager, so the
    append-only refusal of `update()` does not apply here."""
    ParentLink = apps.get_model("families", "ParentLink")
    DoseAcknowledgement = apps.get_model("consents", "DoseAcknowledgement")
    homes = {
        (parent, child): household
        for parent, child, household in ParentLink.objects.values_list(
            "parent_id", "child_id", "household"
        )
    }
    by_household = {}
    for pk, parent, child in DoseAcknowledgement.objects.values_list(
        "pk", "acknowledged_by_id", "dose__child_id"
    ):
        by_household.setdefault(homes.get((parent, child), 1), []).append(pk)
    for household, pks in by_household.items():
        DoseAcknowledgement.objects.filter(pk__in=pks).update(household=household)


class Migration(migrations.Migration):
    dependencies = [
        ("consents", "0006_text_fields_bounded"),
        ("families", "0008_households_after_bounded_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="doseacknowledgement",
            name="household",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="household"),
        ),
        migrations.RunPython(acknowledgements_per_household, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="doseacknowledgement",
            name="household",
            field=models.PositiveSmallIntegerField(verbose_name="household"),
        ),
        migrations.AlterField(
            model_name="doseacknowledgement",
            name="dose",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="acknowledgements",
                to="consents.medicationdose",
            ),
        ),
        migrations.AlterModelOptions(
            name="doseacknowledgement",
            options={
                "ordering": ["acknowledged_at", "pk"],
                "verbose_name": "dose acknowledgement",
                "verbose_name_plural": "dose acknowledgements",
            },
        ),
        migrations.AddConstraint(
            model_name="doseacknowledgement",
            constraint=models.UniqueConstraint(
                fields=("dose", "household"), name="one_dose_acknowledgement_per_household"
            ),
        ),
    ]
