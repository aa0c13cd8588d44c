"""Ids typed into query strings never break a page, and records kept as
evidence are not overwritten."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nursery.setting.models import Complaint
from nursery.validators import (
    parse_id,
    validate_not_before,
    validate_not_far_ahead,
    validate_not_future,
)

pytestmark = pytest.mark.django_db

ODD_IDS = ["²", "٣", "-1", "0", "9" * 30, "1e3", " ", "abc"]


@pytest.mark.parametrize("value", ["", None, *ODD_IDS])
def test_parse_id_accepts_only_plain_positive_ids(value):
    assert parse_id(value) is None


def test_parse_id_reads_a_plain_id():
    assert parse_id(" 42 ") == 42


def test_a_date_to_come_is_refused_in_the_words_asked_for_and_on_the_field_named():
    today = timezone.localdate()
    assert validate_not_future(today) == today
    assert validate_not_future(None) is None
    tomorrow = today + timedelta(days=1)
    with pytest.raises(ValidationError) as plain:
        validate_not_future(tomorrow)
    assert plain.value.messages == ["This date cannot be in the future."]
    with pytest.raises(ValidationError) as worded:
        validate_not_future(tomorrow, "The change cannot start in the future.")
    assert worded.value.messages == ["The change cannot start in the future."]
    with pytest.raises(ValidationError) as on_field:
        validate_not_future(tomorrow, field="made_on")
    assert on_field.value.message_dict == {"made_on": ["This date cannot be in the future."]}


def test_a_date_before_its_earliest_or_years_ahead_is_refused_and_others_are_returned():
    today = timezone.localdate()
    born = today - timedelta(days=800)
    assert validate_not_before(born, born, "Before birth.") == born
    assert validate_not_before(None, born, "Before birth.") is None
    assert validate_not_before(born, None, "Before birth.") == born
    with pytest.raises(ValidationError) as early:
        validate_not_before(born - timedelta(days=1), born, "Before birth.")
    assert early.value.messages == ["Before birth."]
    in_two_years = today + timedelta(days=700)
    assert validate_not_far_ahead(in_two_years, 2) == in_two_years
    with pytest.raises(ValidationError) as far:
        validate_not_far_ahead(today + timedelta(days=800), 2)
    assert far.value.messages == ["This date is too far ahead. Check the year."]


@pytest.mark.parametrize("value", ODD_IDS)
def test_odd_ids_in_query_strings_answer_normally(value, cast, client_for):
    manager = client_for(cast.manager)
    for key in ("child", "actor"):
        assert manager.get(reverse("audit_log"), {key: value}).status_code == 200
    sharing = reverse("agencies:sharing_create", kwargs={"child_pk": cast.child_a.pk})
    assert manager.get(sharing, {"corrects": value}).status_code == 200
    dose = reverse("consents:dose_create", kwargs={"pk": cast.child_a.pk})
    assert manager.get(dose, {"permission": value}).status_code == 200


def test_staff_cannot_file_a_complaint_against_a_child_the_parent_is_not_linked_to(
    cast, client_for
):
    response = client_for(cast.key_person).post(
        reverse("complaint_create"),
        {
            "complainant": cast.parent_b.pk,
            "child": cast.child_a.pk,
            "received_via": "in_person",
            "received_on": timezone.localdate().isoformat(),
            "summary": "Parking",
            "details": "Cars block the gate.",
        },
    )
    assert response.status_code == 200
    assert "not linked to this child" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_confirmed_child_protection_receipt_is_never_overwritten(cast, client_for):
    from tests.transitions.factories import HandoverFactory

    sent = timezone.localdate() - timedelta(days=3)
    handover = HandoverFactory(child=cast.child_a, handed_by=cast.dsl, sent_on=sent)
    url = reverse("transitions:handover_receipt", kwargs={"pk": handover.pk})
    client = client_for(cast.dsl)
    first = {"received_on": (sent + timedelta(days=1)).isoformat(), "received_by": "Mrs A"}
    client.post(url, first)
    client.post(url, {"received_on": sent.isoformat(), "received_by": "Someone else"})
    handover.refresh_from_db()
    assert handover.received_by == "Mrs A"
    assert handover.received_on == sent + timedelta(days=1)
