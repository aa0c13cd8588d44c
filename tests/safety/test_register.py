"""The register: sign in, sign out to the right person, stopped for a person
who must not collect (the attempt recorded and shown to the DSL), password
or manager for someone not on the list; the printable attendance record."""

import html
import re
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from families.models import ParentLink, Relationship
from nursery.dates import format_date
from nursery.errors import DomainError
from safety.models import Attendance, CollectionPassword, RefusedCollection
from safety.services import (
    CollectionStopped,
    attendance_sign_in,
    attendance_sign_out,
    collection_password_set,
    names_match,
)
from tests.factories import ChildFactory, carer_without_responsibility
from tests.families.factories import NoticeFactory
from tests.safety.factories import (
    AttendanceFactory,
    CollectionNoticeFactory,
    CollectorFactory,
    MustNotCollectFactory,
)
from tests.utils import database_fingerprint


def now_local(delta=timedelta()):
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def signed_in(cast):
    return AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)


def sign_out(client, cast, **data):
    data.setdefault("at", now_local())
    return client.post(reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk}), data)


def test_practitioner_signs_a_child_in_with_time_and_who_brought_them(cast, client_for):
    arrived = timezone.localtime() - timedelta(minutes=5)
    response = client_for(cast.practitioner).post(
        reverse("safety:sign_in", kwargs={"pk": cast.child_a.pk}),
        {"at": arrived.strftime("%Y-%m-%dT%H:%M"), "brought_by": "Alex (mother)"},
    )
    assert response.status_code == 302
    entry = Attendance.objects.get()
    assert entry.brought_by == "Alex (mother)" and entry.signed_in_by == cast.practitioner
    # The day the child arrived (yesterday's, when signed in just after midnight).
    assert entry.on == arrived.date()


def test_signing_in_twice_or_in_the_future_is_refused(cast, signed_in):
    with pytest.raises(DomainError, match="already signed in"):
        attendance_sign_in(child=cast.child_a, at=timezone.now(), brought_by="Mum", by=cast.dsl)
    with pytest.raises(ValidationError):
        attendance_sign_in(
            child=cast.child_b,
            at=timezone.now() + timedelta(hours=2),
            brought_by="Mum",
            by=cast.dsl,
        )
    assert Attendance.objects.count() == 1


def test_sign_out_to_a_parent_records_who_and_when(cast, client_for, signed_in):
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    response = sign_out(client_for(cast.practitioner), cast, who=f"parent:{link.pk}")
    assert response.status_code == 302
    signed_in.refresh_from_db()
    assert signed_in.collected_by == "Alex Ashworth"
    assert signed_in.collection_check == "listed"
    assert signed_in.signed_out_by == cast.practitioner
    assert signed_in.hours is not None


def test_sign_out_to_an_authorised_collector(cast, client_for, signed_in):
    gran = CollectorFactory(child=cast.child_a, name="Grace Ashworth", added_by=cast.parent_a)
    assert (
        sign_out(client_for(cast.practitioner), cast, who=f"collector:{gran.pk}").status_code == 302
    )
    signed_in.refresh_from_db()
    assert signed_in.collected_by == "Grace Ashworth" and signed_in.collected_kind == "collector"


def test_sign_out_to_the_person_the_family_said_is_collecting_today(cast, client_for, signed_in):
    notice = CollectionNoticeFactory(child=cast.child_a, told_by=cast.parent_a)
    assert (
        sign_out(client_for(cast.practitioner), cast, who=f"notice:{notice.pk}").status_code == 302
    )
    signed_in.refresh_from_db()
    assert signed_in.collected_kind == "notice"


def test_must_not_collect_is_stopped_with_what_to_do_and_the_attempt_kept(
    cast, client_for, signed_in
):
    MustNotCollectFactory(child=cast.child_a, name="Rory Ashworth", recorded_by=cast.manager)
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_restricted)
    response = sign_out(client_for(cast.practitioner), cast, who=f"parent:{link.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Do not hand the child over" in page
    assert "Tell the manager and the designated safeguarding lead now" in page
    # The person stopped is not left chosen for a second press.
    assert not re.search(rf'value="parent:{link.pk}"[^>]*(checked|selected)', page)
    signed_in.refresh_from_db()
    assert signed_in.signed_out_at is None
    attempt = RefusedCollection.objects.get()
    assert attempt.person == "Rory Ashworth" and attempt.recorded_by == cast.practitioner
    # Shown to the DSL on their home page until marked seen.
    home = client_for(cast.dsl).get(reverse("home")).content.decode()
    assert "Rory Ashworth tried to collect Ada Ashworth" in home
    assert (
        "Collections stopped" not in client_for(cast.manager).get(reverse("home")).content.decode()
    )
    client_for(cast.dsl).post(
        reverse("safety:dsl_seen", kwargs={"kind": "attempt", "pk": attempt.pk})
    )
    attempt.refresh_from_db()
    assert attempt.dsl_seen_by == cast.dsl


def test_must_not_collect_matches_a_name_typed_differently(cast, signed_in):
    MustNotCollectFactory(child=cast.child_a, name="Rory Ashworth", recorded_by=cast.manager)
    assert names_match("Rory Ashworth", "rory  ASHWORTH")
    assert names_match("Rory Ashworth", "Rory James Ashworth")
    assert not names_match("Rory Ashworth", "Rosa Ashworth")
    with pytest.raises(CollectionStopped) as stopped:
        attendance_sign_out(
            child=cast.child_a,
            at=timezone.now(),
            who="other",
            other_name="rory ashworth",
            password="",
            by=cast.manager,
            manager_confirms=True,
        )
    assert stopped.value.attempt.pk == RefusedCollection.objects.get().pk


def test_someone_not_on_the_list_needs_the_password_or_the_manager(cast, client_for, signed_in):
    collection_password_set(child=cast.child_a, password="Blue Giraffe", by=cast.parent_a)
    client = client_for(cast.practitioner)
    before = database_fingerprint()
    response = sign_out(client, cast, who="other", other_name="Sam Neighbour")
    assert response.status_code == 200
    assert "is not on the list of people who may collect" in response.content.decode()
    response = sign_out(client, cast, who="other", other_name="Sam Neighbour", password="red")
    assert "The password does not match" in response.content.decode()
    # A practitioner is never offered the manager's box; ticking it by hand changes nothing.
    response = sign_out(
        client, cast, who="other", other_name="Sam Neighbour", manager_confirms="on"
    )
    assert "is not on the list of people who may collect" in response.content.decode()
    with pytest.raises(ValidationError, match="Only the manager can confirm"):
        attendance_sign_out(
            child=cast.child_a,
            at=timezone.now(),
            who="other",
            other_name="Sam Neighbour",
            manager_confirms=True,
            by=cast.practitioner,
        )
    assert database_fingerprint() == before
    response = sign_out(
        client, cast, who="other", other_name="Sam Neighbour", password="blue giraffe"
    )
    assert response.status_code == 302
    signed_in.refresh_from_db()
    assert signed_in.collection_check == "password" and signed_in.collected_by == "Sam Neighbour"


def test_only_the_manager_is_offered_the_confirmation_box(cast, client_for, signed_in):
    url = reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk})
    page = client_for(cast.practitioner).get(url).content.decode()
    assert "I am the manager" not in page
    assert "ask the manager to sign the child out" in page
    assert "I am the manager" in client_for(cast.manager).get(url).content.decode()


def test_the_manager_confirms_someone_not_on_the_list(cast, client_for, signed_in):
    response = sign_out(
        client_for(cast.manager),
        cast,
        who="other",
        other_name="Sam Neighbour",
        manager_confirms="on",
    )
    assert response.status_code == 302
    signed_in.refresh_from_db()
    assert signed_in.collection_check == "manager" and signed_in.confirmed_by == cast.manager


def test_the_collection_password_is_kept_hashed_and_never_shown(cast, client_for):
    client = client_for(cast.parent_a)
    url = reverse("safety:password", kwargs={"pk": cast.child_a.pk})
    assert client.post(url, {"password": "blue giraffe"}).status_code == 302
    stored = CollectionPassword.objects.get()
    assert "giraffe" not in stored.password_hash
    page = client.get(reverse("safety:child", kwargs={"pk": cast.child_a.pk})).content.decode()
    assert "A collection password is set" in page and "giraffe" not in page
    response = client.get(url)
    assert "giraffe" not in response.content.decode()
    response = client.post(url, {"password": "ab"})
    assert response.status_code == 200 and "password" in response.context["form"].errors


def test_a_carer_without_parental_responsibility_reads_who_may_collect_and_changes_nothing(
    cast, client_for
):
    """Who may collect, and the password, are an authorisation to hand the
    child over: a step-parent reads them, is offered no button, is told who
    can change them, and a request typed by hand changes nothing."""
    step_parent = carer_without_responsibility(cast.child_a, Relationship.STEP_PARENT)
    collector = CollectorFactory(child=cast.child_a, added_by=cast.parent_a, name="Gran Ashworth")
    client = client_for(step_parent)
    page = client.get(reverse("safety:child", kwargs={"pk": cast.child_a.pk})).content.decode()
    assert "Gran Ashworth" in page
    for name in ("safety:collector_create", "safety:password"):
        assert reverse(name, kwargs={"pk": cast.child_a.pk}) not in page
    assert "Remove Gran Ashworth" not in page
    assert "changed by a parent or carer with parental responsibility" in page
    before = database_fingerprint()
    create = reverse("safety:collector_create", kwargs={"pk": cast.child_a.pk})
    password = reverse("safety:password", kwargs={"pk": cast.child_a.pk})
    remove = reverse(
        "safety:collector_remove", kwargs={"pk": cast.child_a.pk, "collector_pk": collector.pk}
    )
    assert client.get(create).status_code == 403
    data = {"name": "Stranger", "relationship": "Friend", "phone": "07700 900111"}
    assert client.post(create, data).status_code == 403
    assert client.post(password, {"password": "blue giraffe"}).status_code == 403
    assert client.post(remove).status_code == 403
    assert database_fingerprint() == before
    # The adult with parental responsibility is offered both, and is not
    # told to ask someone else.
    page = client_for(cast.parent_a).get(reverse("safety:child", kwargs={"pk": cast.child_a.pk}))
    content = page.content.decode()
    assert create in content and password in content
    assert "changed by a parent or carer with parental responsibility" not in content


def test_signing_out_a_child_not_signed_in_is_refused(cast, client_for):
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    client = client_for(cast.key_person)
    before = database_fingerprint()
    response = sign_out(client, cast, who=f"parent:{link.pk}")
    assert response.status_code == 200
    assert "Sign the child in first" in response.content.decode()
    assert database_fingerprint() == before


def test_parent_tells_the_setting_someone_else_is_collecting(cast, client_for):
    client = client_for(cast.parent_a)
    url = reverse("safety:collecting_today", kwargs={"pk": cast.child_a.pk})
    data = {
        "on": timezone.localdate().isoformat(),
        "name": "Sam Friend",
        "relationship": "Family friend",
        "phone": "07700 900777",
    }
    assert client.post(url, data).status_code == 302
    board = client_for(cast.practitioner).get(
        reverse("safety:board", kwargs={"pk": cast.child_a.room_id})
    )
    assert "Collecting today: Sam Friend" in board.content.decode()
    before = database_fingerprint()
    data["on"] = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url, data)
    assert response.status_code == 200 and "on" in response.context["form"].errors
    assert database_fingerprint() == before


def test_printable_register_by_room_and_day_has_names_hours_and_key_person(cast, client_for):
    yesterday = timezone.localdate() - timedelta(days=1)
    arrived = timezone.make_aware(datetime.combine(yesterday, time(8, 0)))
    AttendanceFactory(
        child=cast.child_a,
        on=yesterday,
        signed_in_at=arrived,
        signed_out_at=arrived + timedelta(hours=9, minutes=30),
        collected_by="Alex Ashworth",
        signed_in_by=cast.key_person,
    )
    url = reverse("safety:register_print")
    page = (
        client_for(cast.practitioner)
        .get(url, {"room": cast.child_a.room_id, "day": yesterday.isoformat()})
        .content.decode()
    )
    assert "Daily record of attendance" in page
    assert "Ada Ashworth" in page and "Kim Keyperson" in page
    assert "9.5" in page
    assert "Absent" in page  # Ben was not in that day
    # A button prints it (shown by the script), and the paper carries the
    # record, not the portal's menu and footer.
    assert re.search(r"<button[^>]*data-print[^>]*>Print this record</button>", page)
    assert "js/print" in page
    assert re.search(r'<header class="d-print-none">', page)
    assert re.search(r'<footer class="[^"]*d-print-none', page)


def test_parents_see_their_childs_register_times(cast, client_for, signed_in):
    page = (
        client_for(cast.parent_a)
        .get(reverse("safety:child", kwargs={"pk": cast.child_a.pk}))
        .content.decode()
    )
    assert "Arrivals and departures" in page and "Mum" in page


def test_a_child_the_family_reported_away_is_not_expected_on_the_board(cast, client_for):
    """The room's staff see who is off sick before they chase them: the
    board counts the child apart from those expected, and the register and
    its printable record say the family reported the child away. A child
    who comes in after all is signed in as any other, and the card still
    says what the family had said."""
    today = timezone.localdate()
    NoticeFactory(
        child=cast.child_a,
        sent_by=cast.parent_a,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=2),
    )
    # An absence that ended yesterday changes nothing today.
    other = ChildFactory(first_name="Olu", room=cast.child_a.room, started_on=today)
    NoticeFactory(child=other, starts_on=today - timedelta(days=3), ends_on=today - timedelta(1))
    client = client_for(cast.key_person)
    board = client.get(reverse("safety:board", kwargs={"pk": cast.child_a.room_id}))
    assert [c.pk for c in board.context["away"]] == [cast.child_a.pk]
    assert cast.child_a.pk not in [c.pk for c in board.context["expected"]]
    assert other.pk in [c.pk for c in board.context["expected"]]
    page = board.content.decode()
    until = format_date(today + timedelta(days=2), "j M")
    assert f"Reported away by the family, until {until}" in page
    assert "Reported away by the family (1)" in page
    assert f"Sign in {cast.child_a.display_name}" in page
    register = client.get(reverse("safety:register"), {"room": cast.child_a.room_id})
    assert register.content.decode().count("Reported away by the family") == 1
    printed = client.get(reverse("safety:register_print"), {"room": cast.child_a.room_id})
    assert "reported away by the family" in printed.content.decode()
    sign_in = client.get(reverse("safety:sign_in", args=[cast.child_a.pk])).content.decode()
    assert f"The family reported them away until {until}." in sign_in
    assert "reported them away" not in (
        client.get(reverse("safety:sign_in", args=[other.pk])).content.decode()
    )
    AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)
    for name in ("safety:register", "safety:register_print"):
        page = client.get(reverse(name), {"room": cast.child_a.room_id}).content.decode()
        assert page.count("Came in, though the family had reported them away.") == 1
    board = client.get(reverse("safety:board", kwargs={"pk": cast.child_a.room_id}))
    assert board.context["away"] == []
    page = board.content.decode()
    assert "Reported away" not in page
    # Staff who sign the child in still read that the family said otherwise,
    # so that they can ask whether the rest of the absence stands.
    assert f"Came in, though the family had reported them away until {until}." in page


def test_who_may_collect_does_not_say_every_parent_may_when_one_must_not(cast, client_for):
    url = reverse("safety:child", kwargs={"pk": cast.child_a.pk})
    assert (
        "Only the child's parents and carers may collect."
        in client_for(cast.key_person).get(url).content.decode()
    )
    MustNotCollectFactory(child=cast.child_a, name="Rory Ashworth", recorded_by=cast.manager)
    page = client_for(cast.key_person).get(url).content.decode()
    assert "Only the child's parents and carers may collect." not in page
    assert "except anyone who must not collect (above)" in html.unescape(page)
