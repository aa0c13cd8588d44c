"""The room board and the register hold an exact query count, the same at
1 and at 50 children, within the budget of 15."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consents.models import ConsentType
from tests.consents.factories import ConsentEventFactory, MedicationPermissionFactory
from tests.factories import (
    ChildFactory,
    KeyPersonAssignmentFactory,
    ParentLinkFactory,
    RoomFactory,
)
from tests.families.factories import NoticeFactory
from tests.safety.factories import (
    AccidentFactory,
    AttendanceFactory,
    CollectionNoticeFactory,
    CollectorFactory,
    HealthAlertFactory,
    MustNotCollectFactory,
)
from tests.utils import assert_recorded_count

BUDGET = 15


def full_child(cast, n, room=None):
    """A child (of child A's room unless told) with everything the board shows."""
    child = ChildFactory(
        room=room or cast.child_a.room, started_on=timezone.localdate() - timedelta(days=9)
    )
    link = ParentLinkFactory(child=child)
    KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    HealthAlertFactory(child=child, changed_by=link.parent, seen_at=None)
    HealthAlertFactory(
        child=child,
        kind="diet",
        severity="",
        diet_kind="religious",
        what="Halal",
        medicine_kept="",
        medicine_expires_on=None,
    )
    MustNotCollectFactory(child=child, recorded_by=cast.manager)
    CollectionNoticeFactory(child=child, told_by=link.parent)
    MedicationPermissionFactory(child=child, given_by=link.parent)
    ConsentEventFactory(
        child=child, decided_by=link.parent, consent_type=ConsentType.objects.get(code="outings")
    )
    if n % 2:
        AttendanceFactory(child=child, signed_in_by=cast.key_person)
    elif n % 4 == 0:
        NoticeFactory(child=child, sent_by=link.parent)  # reported away today
    AccidentFactory(child=child, recorded_by=cast.key_person, serious=n % 3 == 0)
    return child


def counted(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


# The exact number of queries each page runs, whatever the number of children:
# the session, the user, the second-factor check, the setting, the room, the
# children (the register joins each one's key person), then one each for
# today's register, alerts, medicines, consents, restrictions, notices (the
# board) or flags (the register).
EXACT = {"board": 11, "register": 10, "register_print": 10}


@pytest.mark.parametrize("name", ["board", "register", "register_print"])
def test_board_and_register_hold_an_exact_query_count(name, cast, client_for):
    """Exactly the same number of queries for a room of 1 child and of 50."""
    client = client_for(cast.practitioner)
    room = RoomFactory(name="Counted Room")
    if name == "board":
        url, params = reverse("safety:board", kwargs={"pk": room.pk}), {}
    else:
        url, params = reverse(f"safety:{name}"), {"room": room.pk}
    full_child(cast, 0, room)
    client.get(url, params)  # warm the per-process caches (content types, the setting)
    one, _response = counted(client, url, **params)
    for n in range(1, 50):
        full_child(cast, n, room)
    fifty, response = counted(client, url, **params)
    assert (one, fifty) == (EXACT[name], EXACT[name])
    assert fifty <= BUDGET
    page = response.content.decode()
    if name == "register_print":
        assert page.count("Kim Keyperson") == 50
    else:
        assert page.count("Life-threatening: Peanuts") == 50


@pytest.mark.parametrize("member", ["parent_a", "key_person", "dsl", "manager"])
def test_home_pages_with_safety_panels_hold_their_query_count(member, cast, client_for):
    client = client_for(getattr(cast, member))
    full_child(cast, 0)
    ParentLinkFactory(parent=cast.parent_a, child=ChildFactory())
    client.get(reverse("home"))
    small, _ = counted(client, reverse("home"))
    for n in range(1, 50):
        child = full_child(cast, n)
        ParentLinkFactory(parent=cast.parent_a, child=child)
    large, _ = counted(client, reverse("home"))
    assert large == small
    assert_recorded_count(small)


@pytest.mark.parametrize(
    ("name", "member"),
    [("accidents", "practitioner"), ("reviews", "manager"), ("boards", "practitioner")],
)
def test_the_accident_lists_hold_an_exact_query_count(name, member, cast, client_for):
    """The staff's accident list, the manager's reviews and the list of rooms:
    the same queries for one accident and for fifty."""
    client = client_for(getattr(cast, member))
    url = reverse(f"safety:{name}")
    full_child(cast, 0)
    client.get(url)
    one, _response = counted(client, url)
    for n in range(1, 50):
        full_child(cast, n)
    fifty, _response = counted(client, url)
    assert one == fifty, f"{one} queries for one accident, {fifty} for fifty"
    assert_recorded_count(one)


@pytest.mark.parametrize("member", ["parent_a", "practitioner"])
def test_the_childs_safety_page_holds_an_exact_query_count(member, cast, client_for):
    """A child's alerts, collectors, register and accidents: the same queries
    whether there is one of each or fifty."""
    child = cast.child_a
    client = client_for(getattr(cast, member))
    url = reverse("safety:child", kwargs={"pk": child.pk})
    start = timezone.localdate() - timedelta(days=60)

    def add(n):
        HealthAlertFactory(child=child, what=f"Allergen {n}", changed_by=cast.parent_a)
        CollectorFactory(child=child, name=f"Collector {n}", added_by=cast.parent_a)
        MustNotCollectFactory(child=child, name=f"Barred {n}", recorded_by=cast.manager)
        CollectionNoticeFactory(child=child, told_by=cast.parent_a)
        AttendanceFactory(child=child, on=start + timedelta(days=n), signed_in_by=cast.dsl)
        AccidentFactory(child=child, recorded_by=cast.key_person)

    add(0)
    client.get(url)
    one, _response = counted(client, url)
    for n in range(1, 50):
        add(n)
    fifty, response = counted(client, url)
    assert one == fifty, f"{one} queries with one of each, {fifty} with fifty"
    assert_recorded_count(one)
    page = response.content.decode()
    assert "Allergen 0" in page and "Allergen 49" in page and "Collector 49" in page
