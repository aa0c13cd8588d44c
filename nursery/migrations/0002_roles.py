"""The three roles, as groups. Their model permissions are kept in step by a
post_migrate receiver (nursery.signals), so later apps need no migration."""

from django.db import migrations

ROLES = ["parent", "practitioner", "manager"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)
    SiteConfig = apps.get_model("nursery", "SiteConfig")
    SiteConfig.objects.using(schema_editor.connection.alias).get_or_create(pk=1)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nursery", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
