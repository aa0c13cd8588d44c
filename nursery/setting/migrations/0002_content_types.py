"""Content types (and so model permissions, role groups' grants, admin log
entries and audit-log lines) follow the models that moved from `nursery` to
`setting`.

A database made before the move holds content types `nursery.policy` and so
on; left alone, Django would make new `setting.policy` ones beside them and
the audit log's lines would point at content types of models that no longer
exist. Each old row is relabelled in place, so everything that points at it
keeps pointing at the right model. Where both exist already (a database that
ran the post-migrate step in between), what pointed at the old one is moved
to the new one and the old one goes. A new database has none yet: nothing to do.
"""

from django.db import migrations

MOVED = [
    "announcement",
    "communicationneeds",
    "complaint",
    "consultation",
    "consultationoption",
    "consultationresponse",
    "event",
    "eventsignup",
    "historicalcomplaint",
    "historicalpolicy",
    "policy",
    "policyacknowledgement",
    "suggestion",
]


def relabel(apps, schema_editor, *, old, new):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    AuditEvent = apps.get_model("nursery", "AuditEvent")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in MOVED:
        before = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if before is None:
            continue
        after = ContentType.objects.using(db).filter(app_label=new, model=model).first()
        if after is None:
            before.app_label = new
            before.save(update_fields=["app_label"])
            continue
        AuditEvent.objects.using(db).filter(content_type=before).update(content_type=after)
        LogEntry.objects.using(db).filter(content_type=before).update(content_type=after)
        for perm in Permission.objects.using(db).filter(content_type=before):
            twin = Permission.objects.using(db).filter(
                content_type=after, codename=perm.codename
            ).first()
            if twin is not None:
                for group in perm.group_set.all():
                    group.permissions.add(twin)
                perm.delete()
            else:
                perm.content_type = after
                perm.save(update_fields=["content_type"])
        before.delete()


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, old="nursery", new="setting")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, old="setting", new="nursery")


class Migration(migrations.Migration):
    dependencies = [
        ("setting", "0001_initial"),
        ("nursery", "0005_setting_models_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
