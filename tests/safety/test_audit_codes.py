"""Safety's events in the audit log: each under its own code, with its
facts as data that the manager reads in words."""

from django.urls import reverse

from nursery import audit
from nursery.models import AuditEvent
from safety.services import collector_remove, must_not_collect_end
from tests.safety.factories import CollectorFactory, MustNotCollectFactory


def test_ending_a_record_is_logged_once_under_its_own_code(cast):
    collector = CollectorFactory(child=cast.child_a, added_by=cast.parent_a)
    collector_remove(collector=collector, by=cast.parent_a)
    collector_remove(collector=collector, by=cast.parent_a)  # a second tap changes nothing
    entry = MustNotCollectFactory(child=cast.child_a, recorded_by=cast.dsl)
    must_not_collect_end(entry=entry, by=cast.dsl)
    events = AuditEvent.objects.filter(child=cast.child_a).order_by("pk")
    assert [(e.action, e.data) for e in events] == [
        ("safety.collector.removed", {}),
        ("safety.mustnotcollect.ended", {}),
    ]


def test_the_manager_reads_safetys_events_and_their_facts_in_words(cast, client_for):
    audit.log(
        "safety.attendance.signed_out",
        actor=cast.practitioner,
        child=cast.child_a,
        data={"collected_by": "parent", "check": "listed"},
    )
    audit.log(
        "safety.notification.made",
        actor=cast.manager,
        child=cast.child_a,
        data={"body": "riddor"},
    )
    audit.log(
        "safety.incident.reviewed",
        actor=cast.manager,
        child=cast.child_a,
        data={"incident": "lapse"},
    )
    body = client_for(cast.manager).get(reverse("audit_log")).content.decode()
    body = body.split("</select>", 1)[1]
    assert "Signed out" in body
    # Each fact in words (PostgreSQL keeps a line's keys in an order of its own).
    assert "Collected by: A parent or carer" in body
    assert "How it was checked: On the list" in body
    assert "Notified: RIDDOR (the Health and Safety Executive)" in body
    assert "What was reviewed: A lapse in supervision during a visit" in body
    for kept in (": riddor", ": listed", ": parent", ": lapse", "safety."):
        assert kept not in body, kept
