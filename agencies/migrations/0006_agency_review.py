"""An agency's partnership review is an AgencyReview, its due date
next_review_due (as on the agency itself)."""

from django.db import migrations, models


def renamer(old_model, new_model):
    """Move the model's permissions (and the roles that hold them) to its
    new name, instead of leaving them behind; backwards, to the old one."""

    def rename(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        for action in ("add", "change", "delete", "view"):
            mine = Permission.objects.filter(content_type__app_label="agencies")
            if not mine.filter(codename=f"{action}_{new_model}").exists():
                mine.filter(codename=f"{action}_{old_model}").update(
                    codename=f"{action}_{new_model}"
                )

    return rename


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
        migrations.RunPython(
            renamer("partnershipreview", "agencyreview"),
            renamer("agencyreview", "partnershipreview"),
        ),
    ]
