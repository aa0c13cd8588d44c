import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0003_acknowledgements_per_household"),
    ]

    operations = [
        migrations.AlterField(
            model_name="acknowledgementofaccident",
            name="household",
            field=models.PositiveSmallIntegerField(verbose_name="household"),
        ),
        migrations.AlterField(
            model_name="acknowledgementofaccident",
            name="accident",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="acknowledgements",
                to="safety.accident",
            ),
        ),
        migrations.AlterModelOptions(
            name="acknowledgementofaccident",
            options={
                "ordering": ["acknowledged_at", "pk"],
                "verbose_name": "accident acknowledgement",
                "verbose_name_plural": "accident acknowledgements",
            },
        ),
        migrations.AddConstraint(
            model_name="acknowledgementofaccident",
            constraint=models.UniqueConstraint(
                fields=("accident", "household"),
                name="one_accident_acknowledgement_per_household",
            ),
        ),
    ]
