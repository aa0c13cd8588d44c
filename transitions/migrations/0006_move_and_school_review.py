"""Names that say one thing: a child's move to school is a Move in the code
as on the screen (its visits and meetings MoveEvents, and each record of it
points at its `move`); a school's partnership review is a SchoolReview; the
due dates of reviews are next_review_due, on the school as on the agency."""

import django.db.models.deletion
from django.db import migrations, models

RENAMED = {"transition": "move", "transitionevent": "moveevent", "partnershipreview": "schoolreview"}


def renamer(renames):
    """Move each renamed model's permissions (and the roles that hold them)
    to its new name, instead of leaving them behind; backwards, to the old."""

    def rename(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        mine = Permission.objects.filter(content_type__app_label="transitions")
        for old_model, new_model in renames.items():
            for action in ("add", "change", "delete", "view"):
                if not mine.filter(codename=f"{action}_{new_model}").exists():
                    mine.filter(codename=f"{action}_{old_model}").update(
                        codename=f"{action}_{new_model}"
                    )

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("transitions", "0005_transfer_consented_sections"),
        ("families", "0008_households_after_bounded_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="partnershipreview", name="school_review_next_after_this"
        ),
        migrations.RenameModel("PartnershipReview", "SchoolReview"),
        migrations.RenameField("schoolreview", "next_review_on", "next_review_due"),
        migrations.AddConstraint(
            model_name="schoolreview",
            constraint=models.CheckConstraint(
                condition=models.Q(("next_review_due__gt", models.F("reviewed_on"))),
                name="school_review_next_after_this",
            ),
        ),
        migrations.RenameField("school", "review_due_on", "next_review_due"),
        migrations.RenameModel("Transition", "Move"),
        migrations.RenameModel("TransitionEvent", "MoveEvent"),
        migrations.RenameField("moveevent", "transition", "move"),
        migrations.RenameField("parentview", "transition", "move"),
        migrations.RenameField("transfersummary", "transition", "move"),
        migrations.AlterModelOptions(
            name="moveevent",
            options={
                "ordering": ["move", "planned_on", "pk"],
                "verbose_name": "transition visit or meeting",
                "verbose_name_plural": "transition visits and meetings",
            },
        ),
        migrations.AlterModelOptions(
            name="parentview",
            options={
                "ordering": ["move", "written_at", "pk"],
                "verbose_name": "parent's view",
                "verbose_name_plural": "parents' views",
            },
        ),
        migrations.AlterField(
            model_name="move",
            name="child",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="move",
                to="families.child",
            ),
        ),
        migrations.AlterField(
            model_name="move",
            name="school",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="moves",
                to="transitions.school",
                verbose_name="school",
            ),
        ),
        migrations.RunPython(
            renamer(RENAMED), renamer({new: old for old, new in RENAMED.items()})
        ),
    ]
