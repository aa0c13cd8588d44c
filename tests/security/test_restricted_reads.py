"""Items 10 and 11: every showing of restricted material is logged as a
read, and nothing else is: a refused request or a wrong method adds no
read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nursery.audit import READS_LOGGED
from nursery.models import AuditEvent
from tests.agencies.factories import SharingDecisionFactory
from tests.transitions.factories import HandoverFactory

pytestmark = pytest.mark.django_db


def reads(code, **filters):
    return AuditEvent.objects.filter(action=code, **filters).count()


@pytest.fixture
def handover(cast):
    return HandoverFactory(child=cast.child_a, handed_by=cast.dsl)


def test_opening_a_child_protection_file_is_one_read(handover, cast, client_for):
    url = reverse("transitions:handover_detail", args=[handover.pk])
    assert client_for(cast.dsl).get(url).status_code == 200
    assert reads("transitions.cp_handover.read", actor=cast.dsl, object_id=str(handover.pk)) == 1


def test_a_wrong_method_on_a_child_protection_file_is_not_a_read(handover, cast, client_for):
    url = reverse("transitions:handover_detail", args=[handover.pk])
    assert client_for(cast.dsl).post(url).status_code == 405
    assert reads("transitions.cp_handover.read") == 0


def test_a_refused_request_for_a_child_protection_file_is_not_a_read(handover, cast, client_for):
    # The manager may read the file but not record its receipt: 403, no read.
    url = reverse("transitions:handover_receipt", args=[handover.pk])
    client = client_for(cast.manager)
    assert client.get(url).status_code == 403
    assert client.post(url, {"received_on": "", "received_by": ""}).status_code == 403
    assert reads("transitions.cp_handover.read") == 0


def test_a_request_outside_reach_is_not_a_read(handover, cast, client_for):
    url = reverse("transitions:handover_detail", args=[handover.pk])
    assert client_for(cast.key_person).get(url).status_code == 404
    assert reads("transitions.cp_handover.read") == 0


def test_a_correction_form_filled_from_an_earlier_decision_is_a_read(cast, client_for):
    earlier = SharingDecisionFactory(child=cast.child_a, decided_by=cast.key_person)
    url = reverse("agencies:sharing_create", args=[cast.child_a.pk])
    response = client_for(cast.key_person).get(url, {"corrects": earlier.pk})
    assert response.status_code == 200
    assert earlier.information in response.content.decode()
    assert reads("agencies.sharing.read", actor=cast.key_person, object_id=str(earlier.pk)) == 1


def test_a_blank_sharing_form_is_not_a_read(cast, client_for):
    url = reverse("agencies:sharing_create", args=[cast.child_a.pk])
    assert client_for(cast.key_person).get(url).status_code == 200
    assert reads("agencies.sharing.read") == 0


def test_the_dsls_home_panel_of_files_awaiting_receipt_is_a_read(handover, cast, client_for):
    response = client_for(cast.dsl).get(reverse("home"))
    assert response.status_code == 200
    assert handover.school.name in response.content.decode()
    read = AuditEvent.objects.get(action="transitions.cp_handovers.read", actor=cast.dsl)
    assert read.data["handovers"] == [handover.pk]


def test_the_panel_of_files_is_logged_once_a_day_and_again_when_other_files_show(
    handover, cast, client_for
):
    """A DSL opens the home page many times a day: the same files shown
    again add no line, other files shown do, and so does the next day."""
    client = client_for(cast.dsl)
    for _ in range(3):
        assert client.get(reverse("home")).status_code == 200
    assert reads("transitions.cp_handovers.read", actor=cast.dsl) == 1
    second = HandoverFactory(child=cast.child_b, school=handover.school)
    client.get(reverse("home"))
    client.get(reverse("home"))
    lines = AuditEvent.objects.filter(
        action="transitions.cp_handovers.read", actor=cast.dsl
    ).order_by("pk")
    assert [sorted(line.data["handovers"]) for line in lines] == [
        [handover.pk],
        sorted([handover.pk, second.pk]),
    ]
    # The next day, the same files are a read again.
    session = client.session
    session[READS_LOGGED] = {
        key: (timezone.localdate() - timedelta(days=1)).isoformat() for key in session[READS_LOGGED]
    }
    session.save()
    client.get(reverse("home"))
    assert reads("transitions.cp_handovers.read", actor=cast.dsl) == 3
    # The manager's own visit is a read of its own.
    client_for(cast.manager).get(reverse("home"))
    assert reads("transitions.cp_handovers.read", actor=cast.manager) == 1


def test_a_home_page_without_files_awaiting_logs_no_read(cast, client_for):
    client_for(cast.dsl).get(reverse("home"))
    assert reads("transitions.cp_handovers.read") == 0
