"""Items 10 and 11: every showing of restricted material is logged as a
read, and nothing else is: a refused request or a wrong method adds no
read."""

import pytest
from django.urls import reverse

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


def test_the_home_page_counts_files_awaiting_receipt_without_naming_one(handover, cast, client_for):
    """The DSL's and the manager's home say how many child-protection files
    await the school's receipt, and name none: no read is logged there. The
    list they lead to names the files, and logs the read."""
    for person in (cast.dsl, cast.manager):
        client = client_for(person)
        html = client.get(reverse("home")).content.decode()
        assert "1 child-protection file awaiting the school" in html
        assert handover.school.name not in html
        assert reads("transitions.cp_handovers.read", actor=person) == 0
        listed = client.get(reverse("transitions:handover_list")).content.decode()
        assert handover.school.name in listed
        assert reads("transitions.cp_handovers.read", actor=person) == 1


def test_a_home_page_without_files_awaiting_logs_no_read(cast, client_for):
    client_for(cast.dsl).get(reverse("home"))
    assert reads("transitions.cp_handovers.read") == 0
