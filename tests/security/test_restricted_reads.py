"""Items 10 and 11: every showing of restricted material is logged as a
read, and nothing else is: a refused request or a wrong method adds no
read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from nursery.models import AuditEvent
from tests.agencies.factories import SharingDecisionFactory
from tests.families.factories import CPTaskFactory
from tests.records.factories import make_request
from tests.safeguarding.factories import ConcernFactory
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


def test_the_home_page_counts_concerns_and_tasks_without_naming_them(cast, client_for):
    """The leads' home says how many concerns wait for a decision (how many
    nobody has opened, how many are allegations about staff) and how many
    child-protection-plan tasks are due or overdue, and names none of them:
    no child, no words, no read logged. The lists they lead to name them,
    and log the read."""
    today = timezone.localdate()
    ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    ConcernFactory(child=cast.child_b, recorded_by=cast.practitioner, about_staff=cast.key_person)
    CPTaskFactory(child=cast.child_a, recorded_by=cast.dsl, due_on=today - timedelta(days=2))
    CPTaskFactory(child=cast.child_b, recorded_by=cast.dsl, due_on=today + timedelta(days=3))
    CPTaskFactory(child=cast.child_b, recorded_by=cast.dsl, due_on=today + timedelta(days=30))
    for person in (cast.dsl, cast.manager):
        client = client_for(person)
        html = client.get(reverse("home")).content.decode()
        to_do = html[html.index('id="sg-todo-heading"') : html.index("Who read restricted records")]
        assert "2 concerns waiting for your decision" in to_do
        assert "2 not yet opened" in to_do
        assert "1 allegation about staff" in to_do
        assert "2 child-protection-plan tasks due or overdue" in to_do
        assert "1 task overdue" in to_do
        for child in (cast.child_a, cast.child_b):
            assert escape(child.display_name) not in to_do
        assert "SECRET-CONCERN" not in html and "RESTRICTED-TASK" not in html
        assert not AuditEvent.objects.reads().filter(actor=person).exists()

        concerns = client.get(reverse("safeguarding:concern_list")).content.decode()
        assert escape(cast.child_a.display_name) in concerns
        assert reads("safeguarding.concern_list.read", actor=person) == 1
        tasks = client.get(reverse("safeguarding:cp_tasks_due")).content.decode()
        # The two due within two weeks, the overdue one first and marked.
        assert tasks.count("RESTRICTED-TASK") == 2
        assert tasks.index(escape(cast.child_a.display_name)) < tasks.index(
            escape(cast.child_b.display_name)
        )
        assert tasks.count(">Overdue</span>") == 1
        assert reads("safeguarding.cp_tasks_due.read", actor=person) == 1


def test_the_dsls_home_counts_requests_for_data_waiting_for_their_decision(cast, client_for):
    """The DSL's home counts the requests for data whose pack waits for
    their decision on child-protection material (and how many are overdue),
    naming no requester; the list it leads to shows those only."""
    waiting = make_request(cast.parent_a, received_on=timezone.localdate() - timedelta(days=40))
    make_request(cast.parent_b, cp_decision="none_held")
    client = client_for(cast.dsl)
    html = client.get(reverse("home")).content.decode()
    assert "1 request waits for your decision on child-protection material." in html
    assert "1 overdue" in html
    assert escape(cast.parent_a.full_name) not in html
    listed = client.get(reverse("records:request_list") + "?decide=1").content.decode()
    assert waiting.get_absolute_url() in listed
    assert escape(cast.parent_b.full_name) not in listed


def test_the_requests_waiting_for_the_dsl_page_by_page_and_for_a_manager_who_is_the_dsl(
    cast, client_for, monkeypatch
):
    """The list of requests waiting for the DSL's decision keeps its filter
    from page to page, and says so when none waits; a manager who is also
    the DSL has the figure beside the manager's own list."""
    from records.views import RequestListView

    monkeypatch.setattr(RequestListView, "paginate_by", 1)
    first = make_request(cast.parent_a)
    second = make_request(cast.parent_a_home2)
    make_request(cast.parent_b, cp_decision="none_held")
    client = client_for(cast.dsl)
    url = reverse("records:request_list")
    page_one = client.get(url, {"decide": "1"}).content.decode()
    assert "?decide=1&amp;page=2" in page_one
    page_two = client.get(url, {"decide": "1", "page": "2"}).content.decode()
    shown = {first.get_absolute_url(), second.get_absolute_url()}
    assert sum(u in page_one for u in shown) == sum(u in page_two for u in shown) == 1
    assert escape(cast.parent_b.full_name) not in page_one + page_two

    cast.manager.is_dsl = True
    cast.manager.save()
    home = client_for(cast.manager).get(reverse("home")).content.decode()
    assert "2 requests wait for your decision on child-protection material." in home
    assert escape(cast.parent_b.full_name) in home  # the manager's list of open requests

    from records.models import SubjectAccessRequest

    SubjectAccessRequest.objects.update(cp_decision="none_held")
    empty = client.get(url, {"decide": "1"}).content.decode()
    assert "No request waits for a decision on child-protection material." in empty


def test_the_concerns_waiting_come_longest_waiting_first_marked_until_opened(cast, client_for):
    older = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    older.recorded_at = timezone.now() - timedelta(days=2)
    older.save()
    newer = ConcernFactory(child=cast.child_b, recorded_by=cast.practitioner)
    client = client_for(cast.dsl)
    client.get(newer.get_absolute_url())  # the DSL opens the newer one
    listed = client.get(reverse("safeguarding:concern_list")).content.decode()
    assert listed.index(older.get_absolute_url()) < listed.index(newer.get_absolute_url())
    assert listed.count(">not yet opened</span>") == 1
    everything = client.get(reverse("safeguarding:concern_list"), {"all": "1"}).content.decode()
    assert everything.index(newer.get_absolute_url()) < everything.index(older.get_absolute_url())
