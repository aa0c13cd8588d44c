"""An agency's partnership review is an AgencyReview, its due date
next_review_due (as on the agency itself)."""

from django.db import migrations, models


def rename_permissions(apps, schema_editor):
    """The renamed model keeps its permissions (and the roles that hold
    them) under its new name, instead of leaving them behind."""
    Permission = apps.get_model("auth", "Permission")
    for action in ("add", "change", "delete", "view"):
        old = Permission.objects.filter(
            content_type__app_label="agencies", codename=f"{action}_partnershipreview"
        )
        if not Permission.objects.filter(
            content_type__app_label="agencies", codename=f"{action}_agencyreview"
        ).exists():
            old.update(codename=f"{action}_agencyreview")


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_households_after_bounded_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="partnershipreview", name="review_next_due_after_review"
        ),
        migrations.RenameModel("PartnershipReview", "AgencyReview"),
        migrations.RenameField("agencyreview", "next_due", "next_review_due"),
        migrations.AddConstraint(
            model_name="agencyreview",
            constraint=models.CheckConstraint(
                condition=models.Q(("next_review_due__gt", models.F("reviewed_on"))),
                name="agency_review_next_after_this",
            ),
        ),
        migrations.RunPython(rename_permissions, migrations.RunPython.noop),
    ]
