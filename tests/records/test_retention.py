"""The retention schedule, legal holds and disposal, with time travel."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from consents.models import AppendOnlyError, ConsentEvent
from families.models import KeyPersonMeeting, RecordComment
from nursery.errors import DomainError
from nursery.models import AuditEvent
from nursery.setting.models import Complaint
from records import retention, services
from records.models import DisposalRun, LegalHold
from records.tasks import scan_for_disposal
from tests.consents.factories import ConsentEventFactory
from tests.families.factories import ActionFactory, CommentFactory, MeetingFactory
from tests.records.factories import make_rights
from tests.setting.factories import ComplaintFactory
from tests.utils import run_tasks

TODAY = date(2030, 6, 1)


def left(child, on):
    child.leaving_on = on
    child.save()
    return child


def test_the_schedule_shows_each_default_with_its_source(cast, client_for):
    page = client_for(cast.manager).get(reverse("records:retention")).content.decode()
    assert "3 years after the child leaves" in page
    assert "until the child is 21" in page
    assert "until the child is 25" in page
    assert "6 years after the record was made" in page
    assert "Limitation Act 1980" in page


def test_the_manager_changes_a_period_with_a_reason_and_it_is_audited(cast):
    services.retention_change(kind="general", years=5, reason="Local authority.", by=cast.manager)
    row = next(r for r in retention.schedule() if r["kind"].kind == "general")
    assert row["years"] == 5 and row["changed"].reason == "Local authority."
    line = AuditEvent.objects.get(action="records.retention.changed")
    assert line.data == {"kind": "general", "years_before": 3, "years_after": 5}


@pytest.mark.parametrize(("years", "reason"), [(0, "Why"), (101, "Why"), (4, " ")])
def test_a_period_change_without_reason_or_out_of_range_is_refused(years, reason, cast):
    with pytest.raises(DomainError):
        services.retention_change(kind="general", years=years, reason=reason, by=cast.manager)
    assert retention.schedule()[0]["changed"] is None


def test_general_records_go_three_years_after_leaving_once_approved(cast):
    left(cast.child_a, date(2027, 6, 1))
    meeting = MeetingFactory(child=cast.child_a)
    ActionFactory(meeting=meeting)
    CommentFactory(record=meeting, text="A PARENT'S VIEW")
    CommentFactory(record=MeetingFactory(child=cast.child_b), text="KEPT")
    with time_machine.travel(date(2030, 5, 31), tick=False):
        assert services.disposal_scan() is None
    with time_machine.travel(TODAY, tick=False):
        run = services.disposal_scan()
        line = run.lines.get()
        assert (line.kind, line.found) == ("general", 1)
        assert KeyPersonMeeting.objects.filter(child=cast.child_a).exists()  # not before approval
        services.disposal_approve(run=run, by=cast.manager)
    assert not KeyPersonMeeting.objects.filter(child=cast.child_a).exists()
    assert not KeyPersonMeeting.history.filter(child=cast.child_a).exists()
    # The parents' comments go with the record, and no version of them stays.
    assert [c.text for c in RecordComment.objects.all()] == ["KEPT"]
    assert {h.text for h in RecordComment.history.all()} == {"KEPT"}
    assert KeyPersonMeeting.objects.filter(child=cast.child_b).exists()
    run.refresh_from_db()
    line = run.lines.get()
    assert run.status == DisposalRun.Status.APPROVED and run.decided_by == cast.manager
    assert (line.disposed, line.period) == (1, "3 years after the child leaves")


def test_the_disposal_log_keeps_counts_never_content(cast, client_for):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a, discussion="SECRET-DISCUSSION")
    with time_machine.travel(TODAY, tick=False):
        services.disposal_approve(run=services.disposal_scan(), by=cast.manager)
        page = client_for(cast.manager).get(reverse("records:retention")).content.decode()
    assert "SECRET-DISCUSSION" not in page
    assert "A child&#x27;s general records" in page and "Mina Manager" in page
    approved = AuditEvent.objects.get(action="records.disposal.approved")
    assert approved.data == {"counts": ["general:1"]}


def test_a_legal_hold_on_the_child_stops_disposal_until_lifted(cast):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    hold = services.hold_place(by=cast.manager, child=cast.child_a, reason="An insurance claim.")
    with time_machine.travel(TODAY, tick=False):
        assert services.disposal_scan() is None
        services.hold_lift(hold=hold, by=cast.manager, reason="Settled.")
        assert services.disposal_scan().lines.get().found == 1


def test_a_hold_on_the_family_spares_their_children(cast):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    services.hold_place(by=cast.manager, parent=cast.parent_a, reason="An investigation.")
    with time_machine.travel(TODAY, tick=False):
        assert services.disposal_scan() is None


def test_a_hold_placed_after_the_scan_still_spares_the_records(cast):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    with time_machine.travel(TODAY, tick=False):
        run = services.disposal_scan()
        services.hold_place(by=cast.manager, child=cast.child_a, reason="A claim arrived.")
        services.disposal_approve(run=run, by=cast.manager)
    assert KeyPersonMeeting.objects.filter(child=cast.child_a).exists()
    assert run.lines.get().disposed == 0


def test_a_hold_needs_a_child_or_a_family_and_is_lifted_once(cast):
    with pytest.raises(DomainError):
        services.hold_place(by=cast.manager, reason="Nobody.")
    hold = services.hold_place(by=cast.manager, child=cast.child_a, reason="A claim.")
    services.hold_lift(hold=hold, by=cast.manager, reason="Settled.")
    with pytest.raises(DomainError):
        services.hold_lift(hold=hold, by=cast.manager, reason="Again.")
    assert LegalHold.objects.in_force().count() == 0


def test_consent_events_refuse_delete_and_leave_only_through_disposal_at_21(cast):
    cast.child_a.date_of_birth = date(2009, 6, 1)
    cast.child_a.save()
    event = ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.filter(child=cast.child_a).delete()
    with time_machine.travel(date(2030, 5, 31), tick=False):
        assert services.disposal_scan() is None
    with time_machine.travel(TODAY, tick=False):
        run = services.disposal_scan()
        assert {line.kind: line.found for line in run.lines.all()} == {"consents": 1}
        services.disposal_approve(run=run, by=cast.manager)
    assert not ConsentEvent.objects.filter(child=cast.child_a).exists()


def test_complaints_are_anonymised_after_three_years_keeping_the_count(cast):
    ComplaintFactory(
        complainant=cast.parent_a,
        child=cast.child_a,
        received_on=date(2027, 5, 1),
        details="COMPLAINT-DETAILS",
    )
    with time_machine.travel(TODAY, tick=False):
        run = services.disposal_scan()
        assert run.lines.get().get_action_display() == "Anonymised (counts kept)"
        services.disposal_approve(run=run, by=cast.manager)
    complaint = Complaint.objects.get()
    assert complaint.complainant is None and complaint.child is None
    assert complaint.details == "" and complaint.received_on == date(2027, 5, 1)
    assert not Complaint.history.filter(details="COMPLAINT-DETAILS").exists()


def test_the_audit_log_goes_after_six_years(cast):
    old = AuditEvent.objects.create(action="records.hold.placed", actor=cast.manager)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=old.created_at - timedelta(days=2200))
    with time_machine.travel(old.created_at + timedelta(days=30), tick=False):
        run = services.disposal_scan()
        assert {line.kind: line.found for line in run.lines.all()} == {"audit_log": 1}
        services.disposal_approve(run=run, by=cast.manager)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


def test_a_restricted_childs_records_are_not_disposed_of(cast):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    make_rights(cast.child_a, cast.parent_a, cast.manager, granted=True)
    with time_machine.travel(TODAY, tick=False):
        assert services.disposal_scan() is None


def test_the_scan_updates_the_waiting_list_rather_than_repeating_it(cast):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    with time_machine.travel(TODAY, tick=False):
        first = services.disposal_scan()
        MeetingFactory(child=cast.child_a)
        second = services.disposal_scan()
    assert first.pk == second.pk and second.lines.get().found == 2
    assert DisposalRun.objects.count() == 1


def test_a_decided_disposal_is_not_decided_again(cast):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    with time_machine.travel(TODAY, tick=False):
        run = services.disposal_scan()
        services.disposal_dismiss(run=run, by=cast.manager)
        with pytest.raises(DomainError):
            services.disposal_approve(run=run, by=cast.manager)
    assert KeyPersonMeeting.objects.filter(child=cast.child_a).exists()


def test_the_nightly_task_and_the_command_list_what_is_past(cast, capsys):
    left(cast.child_a, date(2027, 6, 1))
    MeetingFactory(child=cast.child_a)
    with time_machine.travel(TODAY, tick=False):
        result = scan_for_disposal.enqueue()
        run_tasks()
        run = DisposalRun.objects.get()
        result.refresh()
        assert result.return_value == run.pk
        call_command("disposal_scan")
    assert "A child's general records: 1" in capsys.readouterr().out
    assert DisposalRun.objects.count() == 1
