"""Evidence cannot be rewritten (issue 11, item 7): a receipt is recorded
once; a signed check is never changed in place; an empty field in a form
never erases a recorded fact. Each refused request changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import ProgressReview
from nursery.setting.models import Complaint
from tests.families.factories import ReviewFactory
from tests.setting.factories import ComplaintFactory
from tests.transitions.factories import (
    EventFactory,
    HandoverFactory,
    MoveFactory,
    SchoolFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db


# Receipts are write-once.


def test_a_second_receipt_for_a_sent_pack_is_refused_and_changes_nothing(cast, client_for):
    school = SchoolFactory()
    sent_on = timezone.localdate() - timedelta(days=5)
    transfer = TransferFactory(
        child=cast.child_a,
        school=school,
        prepared_by=cast.key_person,
        sent_on=sent_on,
        sent_method="post",
        sent_to="Head teacher",
        sent_by=cast.key_person,
        received_on=sent_on + timedelta(days=1),
        received_by="Ms First, office",
        received_recorded_by=cast.key_person,
    )
    url = reverse("transitions:transfer_received", kwargs={"pk": transfer.pk})
    response = client_for(cast.manager).post(
        url, {"received_on": timezone.localdate().isoformat(), "received_by": "Someone Else"}
    )
    assert response.status_code == 200
    assert "already recorded" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.received_on == sent_on + timedelta(days=1)
    assert transfer.received_by == "Ms First, office"
    assert transfer.received_recorded_by == cast.key_person


def test_a_second_child_protection_receipt_is_refused_and_changes_nothing(cast, client_for):
    handover = HandoverFactory(
        child=cast.child_a,
        handed_by=cast.dsl,
        received_on=timezone.localdate() - timedelta(days=1),
        received_by="School DSL",
        received_recorded_by=cast.dsl,
    )
    response = client_for(cast.dsl).post(
        reverse("transitions:handover_receipt", kwargs={"pk": handover.pk}),
        {"received_on": timezone.localdate().isoformat(), "received_by": "Another Person"},
    )
    assert response.status_code == 200
    assert "already recorded" in response.content.decode()
    handover.refresh_from_db()
    assert handover.received_by == "School DSL"
    assert handover.received_on == timezone.localdate() - timedelta(days=1)


# A signed check at age two is never changed in place.


def _check_post(review, **changes):
    data = {
        "kind": review.kind,
        "reviewed_on": review.reviewed_on.isoformat(),
        "communication": review.communication,
        "physical": review.physical,
        "personal_social": review.personal_social,
        "strengths": review.strengths,
        "support_needed": review.support_needed,
        "concern": review.concern,
        "concern_detail": review.concern_detail,
        "setting_will": review.setting_will,
        "family_will": review.family_will,
        "staff_notes": review.staff_notes,
    }
    data.update(changes)
    return data


@pytest.fixture
def signed_check(cast, client_for):
    check = ReviewFactory(child=cast.child_a, kind="two_year", recorded_by=cast.key_person)
    client_for(cast.parent_a).post(
        reverse("families:review_sign_off", args=[cast.child_a.pk, check.pk])
    )
    check.refresh_from_db()
    assert check.signed_off_by == cast.parent_a
    return check


def test_editing_a_signed_check_starts_a_new_version_to_sign_again(cast, client_for, signed_check):
    response = client_for(cast.key_person).post(
        reverse("families:review_edit", args=[cast.child_a.pk, signed_check.pk]),
        _check_post(signed_check, strengths="Curious, sociable, and loves puzzles."),
    )
    assert response.status_code == 302
    new = ProgressReview.objects.get(supersedes=signed_check)
    assert response["Location"] == reverse("families:review_detail", args=[cast.child_a.pk, new.pk])
    assert new.version == 2
    assert new.strengths == "Curious, sociable, and loves puzzles."
    assert new.signed_off_at is None and new.signed_off_by is None
    assert new.is_shared
    # The signed version is kept exactly as the parent signed it.
    before = signed_check.signed_off_at
    signed_check.refresh_from_db()
    assert signed_check.strengths == "Curious and sociable."
    assert signed_check.signed_off_at == before
    assert signed_check.signed_off_by == cast.parent_a


def test_the_signed_version_stays_readable_to_staff_and_to_the_parent(
    cast, client_for, signed_check
):
    client_for(cast.key_person).post(
        reverse("families:review_edit", args=[cast.child_a.pk, signed_check.pk]),
        _check_post(signed_check, strengths="NEW-VERSION-TEXT"),
    )
    new = ProgressReview.objects.get(supersedes=signed_check)
    old_url = reverse("families:review_detail", args=[cast.child_a.pk, signed_check.pk])
    for person in (cast.key_person, cast.parent_a):
        html = client_for(person).get(old_url).content.decode()
        assert "Curious and sociable." in html
        assert "NEW-VERSION-TEXT" not in html
        assert reverse("families:review_detail", args=[cast.child_a.pk, new.pk]) in html
    # The parent is asked to sign the new version, and can.
    parent = client_for(cast.parent_a)
    parent.post(reverse("families:review_sign_off", args=[cast.child_a.pk, new.pk]))
    new.refresh_from_db()
    assert new.signed_off_by == cast.parent_a


def test_a_replaced_version_cannot_be_edited_or_signed(cast, client_for, signed_check):
    staff = client_for(cast.key_person)
    staff.post(
        reverse("families:review_edit", args=[cast.child_a.pk, signed_check.pk]),
        _check_post(signed_check, strengths="Second version."),
    )
    response = staff.post(
        reverse("families:review_edit", args=[cast.child_a.pk, signed_check.pk]),
        _check_post(signed_check, strengths="Third attempt on the old one."),
    )
    assert response.status_code == 200
    assert "newer version" in response.content.decode()
    assert ProgressReview.objects.filter(child=cast.child_a).count() == 2
    signed_check.refresh_from_db()
    assert signed_check.strengths == "Curious and sociable."


def test_editing_an_unsigned_check_changes_it_in_place(cast, client_for):
    check = ReviewFactory(child=cast.child_a, kind="two_year", recorded_by=cast.key_person)
    client_for(cast.key_person).post(
        reverse("families:review_edit", args=[cast.child_a.pk, check.pk]),
        _check_post(check, strengths="Corrected before signing."),
    )
    assert ProgressReview.objects.filter(child=cast.child_a).count() == 1
    check.refresh_from_db()
    assert check.strengths == "Corrected before signing."


# An empty field never erases a recorded fact.


def test_an_empty_post_by_the_manager_keeps_the_complaints_acknowledgement(cast, client_for):
    acknowledged = timezone.localdate()
    complaint = ComplaintFactory(
        complainant=cast.parent_a,
        received_on=acknowledged - timedelta(days=2),
        acknowledged_on=acknowledged,
        investigation="Spoke to the room leader.",
    )
    response = client_for(cast.manager).post(
        reverse("complaint_detail", kwargs={"pk": complaint.pk}), {}
    )
    assert response.status_code == 200
    # The form refuses at each field (the service behind it refuses too: the
    # next test).
    assert "This was recorded and cannot be emptied" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.acknowledged_on == acknowledged
    assert complaint.investigation == "Spoke to the room leader."


def test_the_complaint_service_refuses_to_erase_what_was_recorded(cast):
    from nursery.errors import DomainError
    from nursery.setting.services import complaint_progress

    complaint = ComplaintFactory(complainant=cast.parent_a, acknowledged_on=timezone.localdate())
    with pytest.raises(DomainError):
        complaint_progress(
            complaint=complaint,
            by=cast.manager,
            acknowledged_on=None,
            investigation="",
            outcome="",
            outcome_on=None,
        )
    assert Complaint.objects.get(pk=complaint.pk).acknowledged_on == timezone.localdate()


def test_an_empty_outcome_never_erases_how_a_visit_went(cast, client_for):
    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    event = EventFactory(move=move, outcome="She met her teacher and waved goodbye.")
    response = client_for(cast.key_person).post(
        reverse("transitions:event_outcome", kwargs={"pk": move.pk, "event_pk": event.pk}),
        {"outcome": ""},
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.outcome == "She met her teacher and waved goodbye."


def test_the_move_event_service_refuses_to_erase_how_a_visit_went(cast):
    # The outcome form requires an outcome, so the page alone never reaches
    # this guard; any other caller of the service does.
    from nursery.errors import DomainError
    from transitions.services import move_event_outcome

    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    event = EventFactory(move=move, outcome="She met her teacher and waved goodbye.")
    with pytest.raises(DomainError):
        move_event_outcome(event=event, by=cast.key_person, outcome="")
    event.refresh_from_db()
    assert event.outcome == "She met her teacher and waved goodbye."
