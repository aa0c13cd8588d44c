"""Erasure and restriction requests; a restriction in force makes the
child's records read-only (one check on every write about the child) and
keeps the child off everyday lists, until lifted."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from families import services as family_services
from families.models import Child, KeyPersonMeeting, ParentNotice
from families.models.partnership import NoticeKind
from families.restriction import watched_models
from nursery.errors import DomainError
from nursery.models import AuditEvent
from records import services
from records.models import RightsDecision, RightsKind, RightsRequest
from tests.families.factories import MeetingFactory
from tests.records.factories import make_rights
from tests.utils import database_fingerprint


def restrict(cast):
    rr = services.rights_record(
        kind=RightsKind.RESTRICTION,
        ground="accuracy_contested",
        child=cast.child_a,
        requester=cast.parent_a,
        details="The meeting dates are wrong.",
        received_on=timezone.localdate(),
        by=cast.manager,
    )
    return services.rights_decide(
        rr=rr, decision=RightsDecision.GRANTED, reason="Checking the dates.", by=cast.manager
    )


def send_notice(cast):
    return family_services.notice_send(
        child=cast.child_a,
        by=cast.parent_a,
        fields={"kind": NoticeKind.OTHER, "message": "New phone number."},
    )


def test_a_request_is_recorded_with_its_ground_and_decided_with_a_reason(cast):
    rr = restrict(cast)
    assert rr.in_force and rr.decision_reason == "Checking the dates."
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"records.rights.requested", "records.rights.decided"} <= actions
    with pytest.raises(DomainError):
        services.rights_decide(
            rr=rr, decision=RightsDecision.REFUSED, reason="No.", by=cast.manager
        )


def test_a_ground_of_the_other_article_is_refused(cast):
    with pytest.raises(DomainError):
        services.rights_record(
            kind=RightsKind.ERASURE,
            ground="accuracy_contested",
            child=cast.child_a,
            requester=cast.parent_a,
            details="Erase it.",
            received_on=timezone.localdate(),
            by=cast.manager,
        )
    assert not RightsRequest.objects.exists()


def test_only_a_linked_adult_asks_about_a_child(cast):
    with pytest.raises(DomainError):
        services.rights_record(
            kind=RightsKind.ERASURE,
            ground="no_longer_needed",
            child=cast.child_a,
            requester=cast.parent_b,
            details="Erase it.",
            received_on=timezone.localdate(),
            by=cast.manager,
        )


def test_a_restriction_in_force_refuses_every_write_about_the_child(cast):
    meeting = MeetingFactory(child=cast.child_a)
    restrict(cast)
    with pytest.raises(DomainError) as refused:
        send_notice(cast)
    assert refused.value.code == "processing_restricted"
    assert not ParentNotice.objects.exists()
    meeting.discussion = "Changed"
    cast.child_a.first_name = "Changed"
    for write in (meeting.save, meeting.delete, cast.child_a.save):
        with pytest.raises(DomainError), transaction.atomic():
            write()
    assert KeyPersonMeeting.objects.get().discussion != "Changed"


def test_the_check_watches_the_records_of_the_partnership_and_what_they_hold():
    labels = {m._meta.label for m in watched_models()}
    for label in (
        "families.Child",
        "families.KeyPersonMeeting",
        "families.AgreedAction",  # under its meeting
        "families.SupportTarget",  # under its plan
        "agencies.ThirdPartyInformation",
        "agencies.OnwardConsent",  # under its item
        "transitions.Move",
        "transitions.ParentView",  # under its move
    ):
        assert label in labels
    # The child's care and protection go on: the register, health alerts,
    # collection, accidents, medicine and consents, child protection.
    assert not any(
        label.startswith(("nursery.", "records.", "safety.", "consents.", "safeguarding."))
        for label in labels
    )
    assert "families.ChildProtectionTask" not in labels
    assert "transitions.ChildProtectionHandover" not in labels


def test_an_action_under_a_meeting_is_refused_with_its_meeting(cast):
    from families.models import AgreedAction
    from tests.families.factories import ActionFactory

    action = ActionFactory(meeting=MeetingFactory(child=cast.child_a))
    restrict(cast)
    action.description = "Changed"
    with pytest.raises(DomainError), transaction.atomic():
        action.save()
    assert AgreedAction.objects.get().description != "Changed"


def test_the_childs_care_and_protection_are_recorded_under_a_restriction(cast):
    """The child still attends: the register, a new allergy, an accident, a
    concern and a dose given are recorded (UK GDPR Art. 18(2), and the
    setting's legal duties)."""
    from django.utils import timezone

    from consents.models import MedicationDose
    from consents.services import dose_record
    from safeguarding.models import Concern
    from safeguarding.services import concern_record
    from safety.models import Accident, Attendance, HealthAlert
    from safety.services import accident_record, alert_save, attendance_sign_in
    from tests.consents.factories import MedicationPermissionFactory
    from tests.safety.factories import AccidentFactory

    restrict(cast)
    child, now = cast.child_a, timezone.now()
    attendance_sign_in(child=child, at=now, brought_by="Mum", by=cast.key_person)
    alert_save(
        alert=HealthAlert(
            kind="allergy", what="Peanuts", severity="life_threatening", what_to_do="Pen"
        ),
        child=child,
        by=cast.parent_a,
    )
    accident = AccidentFactory.build(
        child=child, recorded_by=cast.key_person, first_aid_by=cast.key_person
    )
    accident_record(accident=accident, child=child, by=cast.key_person)
    concern_record(
        child=child,
        by=cast.key_person,
        observed_at=now,
        what_happened="A bruise.",
        action_taken="Told the DSL.",
    )
    permission = MedicationPermissionFactory(child=child, given_by=cast.parent_a)
    dose_record(
        child=child,
        medicine=permission.medicine,
        given_at=now,
        amount=permission.dose_amount,
        given_by=cast.key_person,
        witnessed_by=cast.practitioner,
        recorded_by=cast.key_person,
    )
    for model in (Attendance, HealthAlert, Accident, Concern, MedicationDose):
        assert model.objects.filter(child=child).exists(), model


def test_another_childs_records_are_still_written(cast):
    restrict(cast)
    family_services.notice_send(
        child=cast.child_b, by=cast.parent_b, fields={"kind": NoticeKind.OTHER, "message": "Hi"}
    )
    assert ParentNotice.objects.filter(child=cast.child_b).exists()


def test_a_refused_write_through_a_page_shows_the_reason_and_changes_nothing(cast, client_for):
    restrict(cast)
    client = client_for(cast.parent_a)
    url = reverse("families:notice_create", kwargs={"child_pk": cast.child_a.pk})
    before = database_fingerprint()
    response = client.post(url, {"kind": "other", "message": "New phone."}, follow=True)
    assert response.status_code == 200
    assert "restricted at the family" in response.content.decode()
    assert database_fingerprint() == before


def test_the_child_is_kept_off_everyday_lists_but_can_still_be_read(cast, client_for):
    restrict(cast)
    assert list(Child.objects.current()) == [cast.child_b]
    client = client_for(cast.key_person)
    roster = client.get(reverse("families:roster")).content.decode()
    assert "Ada" not in roster and "Ben" in roster
    assert client.get(cast.child_a.get_absolute_url()).status_code == 200


def test_lifting_the_restriction_brings_the_records_back(cast):
    rr = restrict(cast)
    services.restriction_lift(rr=rr, reason="Dates checked and corrected.", by=cast.manager)
    assert cast.child_a in Child.objects.current()
    assert send_notice(cast).pk
    with pytest.raises(DomainError):
        services.restriction_lift(rr=rr, reason="Again.", by=cast.manager)


def test_a_pending_or_refused_restriction_restricts_nothing(cast):
    make_rights(cast.child_a, cast.parent_a, cast.manager)
    assert send_notice(cast).pk
    assert cast.child_a in Child.objects.current()


def test_a_granted_erasure_removes_the_general_records_and_logs_how_many(cast):
    from consents.models import ConsentEvent
    from records.models import DisposalLine
    from tests.consents.factories import ConsentEventFactory

    MeetingFactory(child=cast.child_a)
    MeetingFactory(child=cast.child_b)
    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    rr = make_rights(cast.child_a, cast.parent_a, cast.manager, kind=RightsKind.ERASURE)
    services.rights_decide(
        rr=rr, decision=RightsDecision.GRANTED, reason="No longer needed.", by=cast.manager
    )
    assert not KeyPersonMeeting.objects.filter(child=cast.child_a).exists()
    assert KeyPersonMeeting.objects.filter(child=cast.child_b).exists()
    # What the law makes the setting keep stays to the end of its own period.
    assert ConsentEvent.objects.filter(child=cast.child_a).exists()
    line = DisposalLine.objects.get()
    assert (line.kind, line.disposed) == ("general", 1)


def test_an_erasure_is_refused_under_a_legal_hold_and_changes_nothing(cast):
    MeetingFactory(child=cast.child_a)
    services.hold_place(by=cast.manager, child=cast.child_a, reason="A claim.")
    rr = make_rights(cast.child_a, cast.parent_a, cast.manager, kind=RightsKind.ERASURE)
    with pytest.raises(DomainError), transaction.atomic():
        services.rights_decide(
            rr=rr, decision=RightsDecision.GRANTED, reason="No longer needed.", by=cast.manager
        )
    rr.refresh_from_db()
    assert rr.decision == RightsDecision.PENDING
    assert KeyPersonMeeting.objects.filter(child=cast.child_a).exists()
