"""The audit log: one helper, declared action codes with labels, structured
data; the old verbs migrated onto codes."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from families.models import KeyPersonAssignment
from nursery import audit
from nursery.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_undeclared_action_code_is_refused(cast):
    with pytest.raises(KeyError):
        audit.log("families.made_up.thing", actor=cast.manager)
    assert not AuditEvent.objects.exists()


def test_a_code_declared_twice_fails():
    with pytest.raises(ValueError, match="twice"):
        audit.declare({"consents.decision.recorded": "again"})


def test_a_data_key_reads_one_way_on_every_line():
    """Two apps naming one key two ways would relabel each other's lines."""
    audit.declare({}, data_labels={"consent_decision": "Decision"})  # the same label: fine
    with pytest.raises(ValueError, match="two labels"):
        audit.declare({}, data_labels={"consent_decision": "Kind of record"})


def test_a_code_must_name_area_thing_and_verb():
    with pytest.raises(ValueError):
        audit.declare({"recorded": "no area"})


def test_every_declared_code_has_a_label_that_is_not_the_code():
    for code, label in audit.actions():
        assert str(label) and str(label) != code


def test_the_audit_log_shows_labels_and_readable_data_never_codes(cast, client_for):
    audit.log(
        "consents.decision.recorded",
        actor=cast.parent_a,
        obj=cast.child_a,
        child=cast.child_a,
        data={"consent": "Photographs", "decision": "Given", "method": "Online"},
    )
    html = client_for(cast.manager).get(reverse("audit_log")).content.decode()
    assert "Consent decision recorded" in html
    assert "Decision: Given" in html
    assert "consents.decision.recorded" not in html.split("<select", 1)[0]
    body = html.split("</select>", 1)[1]
    assert "consents.decision.recorded" not in body


def test_the_audit_logs_values_read_as_words_not_as_kept(cast, client_for):
    """Yes or no, a date as a date, a pack's sections by their titles, a
    code in words: what the manager reads, never the stored form."""
    audit.log(
        "consents.decision.recorded",
        actor=cast.manager,
        data={
            "on_time": False,
            "due_on": "2026-12-10",
            "sections": ["families.meetings", "consents.leaver_records"],
            "ground": "accuracy_contested",
            "stage": "pack_prepared",
        },
    )
    html = client_for(cast.manager).get(reverse("audit_log")).content.decode()
    body = html.split("</select>", 1)[1]
    assert "On time: No" in body
    assert "10 Dec 2026" in body and "2026-12-10" not in body
    assert "families.meetings" not in body and "consents.leaver_records" not in body
    # A code its app declared the choices of reads as the choice's words.
    assert "Ground: Restriction: accuracy contested" in body
    assert "accuracy_contested" not in body
    assert "Pack prepared" in body and "pack_prepared" not in body


def test_a_second_factors_kind_reads_in_words(cast, client_for):
    audit.log(
        "accounts.second_factor.used",
        actor=cast.key_person,
        data={"second_factor": "webauthn", "passwordless": True},
    )
    body = client_for(cast.manager).get(reverse("audit_log")).content.decode()
    body = body.split("</select>", 1)[1]
    # Each fact in words (PostgreSQL keeps a line's keys in an order of its own).
    assert "Second factor: Passkey or security key" in body
    assert "Without a password: Yes" in body
    assert "webauthn" not in body


def test_a_records_name_is_kept_in_the_settings_language_whoever_acted(cast):
    """A Polish-speaking parent's action and an English manager's name the
    same record the same way: the names read one way on every line."""
    assignment = KeyPersonAssignment.objects.filter(child=cast.child_a).first()
    assignment.started_on = date(2026, 12, 6)
    with translation.override("pl"):
        event = audit.log("families.key_person.assigned", actor=cast.manager, obj=assignment)
    assert event.object_repr.endswith("from 6 December 2026")


def test_the_audit_log_filters_by_action_code(cast, client_for):
    audit.log("accounts.login.succeeded", actor=cast.parent_a)
    audit.log("consents.decision.recorded", actor=cast.parent_a)
    response = client_for(cast.manager).get(
        reverse("audit_log"), {"action": "accounts.login.succeeded"}
    )
    events = list(response.context["object_list"])
    assert [e.action for e in events if e.actor == cast.parent_a] == ["accounts.login.succeeded"]


@pytest.mark.django_db(transaction=True)
def test_the_old_verbs_and_details_are_migrated_onto_codes():
    executor = MigrationExecutor(connection)
    executor.migrate([("nursery", "0005_setting_models_move_out")])
    old_apps = executor.loader.project_state([("nursery", "0005_setting_models_move_out")]).apps
    OldEvent = old_apps.get_model("nursery", "AuditEvent")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    consent_event, _ = ContentType.objects.get_or_create(app_label="consents", model="consentevent")
    transfer, _ = ContentType.objects.get_or_create(app_label="transitions", model="transfer")
    OldEvent.objects.create(action="login")
    OldEvent.objects.create(action="login_failed", detail="someone@example.org")
    OldEvent.objects.create(
        action="create", content_type=consent_event, object_id="1", detail="consent photos: given"
    )
    OldEvent.objects.create(
        action="update", content_type=transfer, object_id="1", detail="school confirmed receipt"
    )
    OldEvent.objects.create(action="update", detail="something long forgotten")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {e.action: e.data for e in AuditEvent.objects.order_by("pk")}
    assert rows == {
        "accounts.login.succeeded": {},
        "accounts.login.failed": {"username": "someone@example.org"},
        "consents.decision.recorded": {"note": "consent photos: given"},
        "transitions.pack.received": {"note": "school confirmed receipt"},
        "legacy.record.changed": {"note": "something long forgotten"},
    }
    assert all(str(audit.label_for(code)) != "Other action" for code in rows)
