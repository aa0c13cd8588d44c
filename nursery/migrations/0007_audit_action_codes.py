"""The audit log's nine verbs become namespaced action codes, and its free
text detail becomes structured data.

Old lines are mapped by their verb and the kind of record they were about
(`create` on a consent event is `consents.decision.recorded`); a pair with
no code of its own becomes `legacy.record.<verb>`; the old text is kept
under `data["note"]`. Going back restores the verbs (a code's verb is read
from its last part) and the text.
"""

from django.db import migrations, models

VERBS = {
    "login": "accounts.login.succeeded",
    "logout": "accounts.logout.done",
    "login_failed": "accounts.login.failed",
    "locked_out": "accounts.login.locked_out",
    "invite": "accounts.account.invited",
    "mfa_added": "accounts.second_factor.added",
    "mfa_used": "accounts.second_factor.used",
    "mfa_failed": "accounts.second_factor.failed",
    "mfa_removed": "accounts.second_factor.removed",
    "mfa_reset": "accounts.second_factor.reset",
    "recovery_code_used": "accounts.recovery_code.used",
    "reauthenticated": "accounts.reauthentication.done",
}

# (old verb, app label, model) -> code
BY_RECORD = {
    ("create", "nursery", "user"): "accounts.account.created",
    ("update", "nursery", "user"): "accounts.account.changed",
    ("create", "nursery", "policy"): "setting.policy.created",
    ("update", "nursery", "policy"): "setting.policy.changed",
    ("create", "nursery", "policyacknowledgement"): "setting.policy.acknowledged",
    ("create", "nursery", "event"): "setting.event.created",
    ("update", "nursery", "event"): "setting.event.changed",
    ("create", "nursery", "eventsignup"): "setting.event_signup.created",
    ("update", "nursery", "eventsignup"): "setting.event_signup.changed",
    ("create", "nursery", "consultation"): "setting.consultation.created",
    ("update", "nursery", "consultation"): "setting.consultation.decided",
    ("create", "nursery", "consultationresponse"): "setting.consultation.answered",
    ("update", "nursery", "consultationresponse"): "setting.consultation.answer_changed",
    ("create", "nursery", "suggestion"): "setting.suggestion.made",
    ("update", "nursery", "suggestion"): "setting.suggestion.answered",
    ("create", "nursery", "complaint"): "setting.complaint.recorded",
    ("update", "nursery", "complaint"): "setting.complaint.progressed",
    ("create", "nursery", "announcement"): "setting.announcement.published",
    ("create", "nursery", "communicationneeds"): "setting.communication_needs.saved",
    ("update", "nursery", "communicationneeds"): "setting.communication_needs.saved",
    ("create", "consents", "consentevent"): "consents.decision.recorded",
    ("create", "consents", "consenttype"): "consents.consent_type.created",
    ("update", "consents", "consenttype"): "consents.consent_type.changed",
    ("create", "consents", "medicationpermission"): "consents.medication_permission.given",
    ("update", "consents", "medicationpermission"): "consents.medication_permission.stopped",
    ("create", "consents", "medicationdose"): "consents.dose.given",
    ("update", "consents", "medicationdose"): "consents.dose.acknowledged",
    ("create", "families", "child"): "families.child.added",
    ("update", "families", "child"): "families.child.changed",
    ("update", "families", "keypersonassignment"): "families.key_person.assigned",
    ("create", "families", "parentlink"): "families.parent_link.created",
    ("update", "families", "parentlink"): "families.parent_link.changed",
    ("create", "families", "keypersonmeeting"): "families.meeting.recorded",
    ("update", "families", "keypersonmeeting"): "families.meeting.changed",
    ("update", "families", "agreedaction"): "families.action.done",
    ("create", "families", "meetingrequest"): "families.meeting_request.made",
    ("update", "families", "meetingrequest"): "families.meeting_request.answered",
    ("create", "families", "progressreview"): "families.review.recorded",
    ("update", "families", "progressreview"): "families.review.changed",
    ("create", "families", "supportplan"): "families.support_plan.recorded",
    ("update", "families", "supportplan"): "families.support_plan.changed",
    ("create", "families", "supportplanreview"): "families.support_plan.reviewed",
    ("create", "families", "settlinginplan"): "families.settling_plan.recorded",
    ("update", "families", "settlinginplan"): "families.settling_plan.changed",
    ("create", "families", "parentnotice"): "families.notice.sent",
    ("update", "families", "parentnotice"): "families.notice.answered",
    ("create", "families", "childprotectiontask"): "families.cp_task.recorded",
    ("update", "families", "childprotectiontask"): "families.cp_task.changed",
    ("read_restricted", "families", "childprotectiontask"): "families.cp_task.read",
    ("read_restricted", "families", "child"): "legacy.record.read",
    ("create", "agencies", "agency"): "agencies.agency.created",
    ("update", "agencies", "agency"): "agencies.agency.changed",
    ("create", "agencies", "agencycontact"): "agencies.contact.added",
    ("create", "agencies", "partnershipreview"): "agencies.review.recorded",
    ("create", "agencies", "signpost"): "agencies.signpost.recorded",
    ("create", "agencies", "sharingdecision"): "agencies.sharing.recorded",
    ("read_restricted", "agencies", "sharingdecision"): "agencies.sharing.read",
    ("create", "agencies", "thirdpartyinformation"): "agencies.third_party.recorded",
    ("read_restricted", "agencies", "thirdpartyinformation"): "agencies.third_party.read",
    ("create", "agencies", "onwardconsent"): "agencies.onward_consent.recorded",
    ("update", "agencies", "onwardconsent"): "agencies.onward_consent.withdrawn",
    ("create", "agencies", "supervisedvisit"): "agencies.visit.recorded",
    ("read_restricted", "agencies", "supervisedvisit"): "agencies.visit.read",
    ("create", "transitions", "school"): "transitions.school.added",
    ("update", "transitions", "school"): "transitions.school.changed",
    ("create", "transitions", "schoolcontact"): "transitions.school_contact.added",
    ("create", "transitions", "partnershipactivity"): "transitions.school_activity.recorded",
    ("create", "transitions", "partnershipreview"): "transitions.school_review.recorded",
    ("create", "transitions", "transition"): "transitions.move.planned",
    ("update", "transitions", "transition"): "transitions.move.changed",
    ("create", "transitions", "transitionevent"): "transitions.move_event.planned",
    ("update", "transitions", "transitionevent"): "transitions.move_event.outcome_recorded",
    ("create", "transitions", "parentview"): "transitions.parent_view.added",
    ("create", "transitions", "transfersummary"): "transitions.summary.saved",
    ("update", "transitions", "transfersummary"): "transitions.summary.saved",
    ("create", "transitions", "transfer"): "transitions.pack.prepared",
    ("export", "transitions", "transfer"): "transitions.pack.sent",
    ("read_restricted", "transitions", "transfer"): "transitions.pack.read",
    ("create", "transitions", "childprotectionhandover"): "transitions.cp_handover.recorded",
    ("update", "transitions", "childprotectionhandover"): "transitions.cp_handover.received",
    ("read_restricted", "transitions", "childprotectionhandover"): "transitions.cp_handover.read",
}

# The life of the setting moved from `nursery` to its own app `setting`.
SETTING_MODELS = {
    "policy",
    "policyacknowledgement",
    "event",
    "eventsignup",
    "consultation",
    "consultationresponse",
    "suggestion",
    "complaint",
    "announcement",
    "communicationneeds",
}
BY_RECORD.update(
    {
        (verb, "setting", model): code
        for (verb, app, model), code in list(BY_RECORD.items())
        if app == "nursery" and model in SETTING_MODELS
    }
)

# Where the record alone does not say which use case it was: the old text does.
BY_DETAIL = {
    "school confirmed receipt": "transitions.pack.received",
    "leaver's records downloaded": "transitions.leaver_records.downloaded",
    "complaints record (CSV)": "setting.complaints.exported",
    "complaints record (print)": "setting.complaints.printed",
    "child-protection handovers list": "transitions.cp_handovers.read",
    "agencies and information sharing": "agencies.child_records.read",
    "event sign-up cancelled": "setting.event_signup.cancelled",
    "read by parent": "families.record.read",
    "parent's comment": "families.record.commented",
    "message seen": "families.notice.seen",
    "details confirmed": "families.details.confirmed",
    "practical details": "families.details.saved",
    "check signed off by parent": "families.check.signed_off",
    "check shared with health visitor": "families.check.shared_with_health_visitor",
    "records pack": "transitions.pack.read",
}

LEGACY = {
    "create": "legacy.record.created",
    "update": "legacy.record.changed",
    "read_restricted": "legacy.record.read",
    "export": "legacy.record.exported",
}


def _code(event):
    detail = event.detail or ""
    if detail in BY_DETAIL:
        if detail == "records pack" and event.content_type_id and (
            event.content_type.model == "child"
        ):
            return "transitions.leaver_records.read"
        return BY_DETAIL[detail]
    if detail.startswith("consented to records going to"):
        return "transitions.pack.consented"
    if detail.startswith("withdrew consent to records going to"):
        return "transitions.pack.consent_withdrawn"
    if detail.startswith("child-protection tasks ("):
        return "families.cp_tasks.read"
    if event.action in VERBS:
        return VERBS[event.action]
    if event.content_type_id:
        key = (event.action, event.content_type.app_label, event.content_type.model)
        if key in BY_RECORD:
            return BY_RECORD[key]
    return LEGACY.get(event.action, "legacy.record.changed")


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("nursery", "AuditEvent")
    batch = []
    for event in AuditEvent.objects.select_related("content_type").iterator(chunk_size=500):
        event.data = {"note": event.detail} if event.detail else {}
        if event.action in ("login_failed", "locked_out") and event.detail:
            event.data = {"username": event.detail}
        event.action = _code(event)
        batch.append(event)
        if len(batch) >= 500:
            AuditEvent.objects.bulk_update(batch, ["action", "data"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["action", "data"])


OLD_VERBS = {code: verb for verb, code in VERBS.items()}
LAST_PART = {
    "read": "read_restricted",
    "exported": "export",
    "downloaded": "export",
    "printed": "export",
    "sent": "export",
    "created": "create",
    "added": "create",
    "recorded": "create",
    "planned": "create",
    "prepared": "create",
    "made": "create",
    "given": "create",
    "published": "create",
}


def backwards(apps, schema_editor):
    AuditEvent = apps.get_model("nursery", "AuditEvent")
    for event in AuditEvent.objects.iterator(chunk_size=500):
        data = event.data or {}
        event.detail = str(data.get("note") or data.get("username") or "")[:300]
        verb = OLD_VERBS.get(event.action) or LAST_PART.get(event.action.rsplit(".", 1)[-1])
        event.action = verb or "update"
        event.save(update_fields=["action", "detail"])


class Migration(migrations.Migration):
    dependencies = [
        ("nursery", "0006_second_factor_audit"),
        # The setting's models carry their new app label before lines are mapped.
        ("setting", "0002_content_types"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(db_index=True, max_length=80, verbose_name="action"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="detail"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="auditevent", name="detail"),
    ]
