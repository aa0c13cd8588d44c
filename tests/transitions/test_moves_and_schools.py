"""Schools and partnership reviews, moves to school, the child-protection
file handover, home panels and the fixed query counts of every list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nursery.models import AuditEvent
from nursery.registry import dashboard_figures
from tests.factories import ChildFactory
from tests.transitions.factories import (
    ActivityFactory,
    HandoverFactory,
    MoveFactory,
    SchoolFactory,
    TransferFactory,
    next_september,
)
from tests.utils import assert_fixed_queries
from transitions.models import ChildProtectionHandover, Move, School, add_school_days

pytestmark = pytest.mark.django_db


def test_five_school_days_skip_the_weekend():
    from datetime import date

    monday, friday = date(2026, 11, 16), date(2026, 11, 20)
    assert add_school_days(monday, 5) == date(2026, 11, 23)
    assert add_school_days(friday, 5) == date(2026, 11, 27)


def test_new_move_starting_in_the_past_is_refused_and_saves_nothing(cast, client_for):
    school = SchoolFactory()
    url = reverse("transitions:move_create", kwargs={"child_pk": cast.child_a.pk})
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(cast.key_person).post(url, {"school": school.pk, "starts_on": yesterday})
    assert response.status_code == 200
    assert "cannot start in the past" in response.content.decode()
    assert not Move.objects.exists()


def test_a_move_starting_in_a_year_typed_wrong_is_refused_and_saves_nothing(cast, client_for):
    school = SchoolFactory()
    url = reverse("transitions:move_create", kwargs={"child_pk": cast.child_a.pk})
    response = client_for(cast.key_person).post(
        url, {"school": school.pk, "starts_on": "9999-12-31"}
    )
    assert response.status_code == 200
    assert "too far ahead. Check the year." in response.content.decode()
    assert not Move.objects.exists()


def test_a_visit_in_a_year_typed_wrong_is_refused_and_saves_nothing(cast, client_for):
    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    response = client_for(cast.key_person).post(
        reverse("transitions:event_create", kwargs={"pk": move.pk}),
        {"kind": "child_visit", "planned_on": "1900-09-01", "who": "Kim"},
    )
    assert response.status_code == 200
    assert "cannot be before the child was born" in response.content.decode()
    assert not move.events.exists()


def test_a_move_saved_with_a_year_typed_wrong_still_saves_its_other_changes(cast, client_for):
    """A date saved before it was checked is not a trap: the rest of the
    move saves around it. A changed date is checked as a new one is."""
    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    Move.objects.filter(pk=move.pk).update(starts_on="9999-09-01")
    url = reverse("transitions:move_edit", kwargs={"pk": move.pk})
    client = client_for(cast.key_person)
    data = {"school": move.school_id, "starts_on": "9999-09-01", "class_name": "Robins"}
    assert client.post(url, data).status_code == 302
    move.refresh_from_db()
    assert move.class_name == "Robins"
    last_week = (timezone.localdate() - timedelta(days=7)).isoformat()
    response = client.post(url, {**data, "starts_on": last_week})
    assert response.status_code == 200
    assert "cannot start in the past" in response.content.decode()
    response = client.post(url, {**data, "starts_on": "9998-09-01"})
    assert response.status_code == 200
    assert "too far ahead. Check the year." in response.content.decode()
    move.refresh_from_db()
    assert str(move.starts_on) == "9999-09-01"


def test_key_person_plans_move_and_parent_adds_views_but_never_sees_staff_notes(cast, client_for):
    school = SchoolFactory(name="Riverside Primary")
    client = client_for(cast.key_person)
    response = client.post(
        reverse("transitions:move_create", kwargs={"child_pk": cast.child_a.pk}),
        {
            "school": school.pk,
            "starts_on": next_september().isoformat(),
            "staff_notes": "STAFF-ONLY-NOTE",
        },
    )
    move = Move.objects.get()
    assert response["Location"] == move.get_absolute_url()
    response = client.post(
        reverse("transitions:event_create", kwargs={"pk": move.pk}),
        {"kind": "child_visit", "planned_on": timezone.localdate().isoformat(), "who": "Kim"},
    )
    assert response.status_code == 302
    event = move.events.get()
    client.post(
        reverse("transitions:event_outcome", kwargs={"pk": move.pk, "event_pk": event.pk}),
        {"outcome": "Ada found the toilets and the coat pegs."},
    )
    parent = client_for(cast.parent_a)
    parent.post(
        reverse("transitions:view_create", kwargs={"pk": move.pk}),
        {"views": "She is excited", "school_should_know": "She is scared of dogs"},
    )
    html = parent.get(move.get_absolute_url()).content.decode()
    assert "Riverside Primary" in html
    assert "Ada found the toilets and the coat pegs." in html
    assert "She is scared of dogs" in html
    assert "STAFF-ONLY-NOTE" not in html
    child_page = parent.get(cast.child_a.get_absolute_url()).content.decode()
    assert "The plan for the move to school" in child_page
    staff_page = client_for(cast.key_person).get(move.get_absolute_url()).content.decode()
    assert "STAFF-ONLY-NOTE" in staff_page


def test_visit_planned_after_the_school_start_is_refused(cast, client_for):
    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    late = (move.starts_on + timedelta(days=3)).isoformat()
    response = client_for(cast.key_person).post(
        reverse("transitions:event_create", kwargs={"pk": move.pk}),
        {"kind": "child_visit", "planned_on": late},
    )
    assert response.status_code == 200
    assert not move.events.exists()


def test_review_moves_the_next_review_date_and_clears_the_due_figure(cast, client_for):
    school = SchoolFactory(name="Oakwood", next_review_due=timezone.localdate())
    client = client_for(cast.manager)
    assert "School partnership reviews due" in client.get(reverse("home")).content.decode()
    assert "Oakwood" in client.get(reverse("transitions:school_list") + "?due=1").content.decode()
    following = timezone.localdate() + timedelta(days=365)
    response = client.post(
        reverse("transitions:review_create", kwargs={"pk": school.pk}),
        {
            "reviewed_on": timezone.localdate().isoformat(),
            "summary": "Good links",
            "next_review_due": following.isoformat(),
        },
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.next_review_due == following
    assert "School partnership reviews due" not in client.get(reverse("home")).content.decode()


def test_review_with_next_date_before_this_one_is_refused(cast, client_for):
    school = SchoolFactory(next_review_due=None)
    response = client_for(cast.manager).post(
        reverse("transitions:review_create", kwargs={"pk": school.pk}),
        {
            "reviewed_on": timezone.localdate().isoformat(),
            "summary": "Good links",
            "next_review_due": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert not school.reviews.exists()
    school.refresh_from_db()
    assert school.next_review_due is None


def test_activity_in_the_future_is_refused(cast, client_for):
    school = SchoolFactory()
    response = client_for(cast.manager).post(
        reverse("transitions:activity_create", kwargs={"pk": school.pk}),
        {
            "kind": "visit",
            "happened_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "description": "x",
        },
    )
    assert response.status_code == 200
    assert not school.activities.exists()


def test_overdue_cp_receipt_warns_dsl_and_manager_only_and_reads_are_audited(cast, client_for):
    """The safeguarding to-do of the DSL's and the manager's home counts the
    file awaiting receipt and its overdue receipt, and leads to the list of
    files; it names no file, so it is no read. The file's own page is an
    audited read. Nobody else's home mentions it."""
    handover = HandoverFactory(
        child=cast.child_a,
        handed_by=cast.dsl,
        sent_on=timezone.localdate() - timedelta(days=10),
    )
    for person in (cast.dsl, cast.manager):
        html = client_for(person).get(reverse("home")).content.decode()
        to_do = html.split('id="sg-todo-heading"')[1].split("</section>")[0]
        assert "1 child-protection file awaiting the school" in to_do
        assert "1 receipt overdue" in to_do
        assert f'href="{reverse("transitions:handover_list")}"' in to_do
        assert handover.get_absolute_url() not in html
        assert not AuditEvent.objects.filter(
            action="transitions.cp_handovers.read", actor=person
        ).exists()
    for person in (cast.key_person, cast.practitioner, cast.parent_a):
        html = client_for(person).get(reverse("home")).content.decode()
        assert "child-protection file" not in html
    client = client_for(cast.manager)
    assert client.get(handover.get_absolute_url()).status_code == 200
    assert AuditEvent.objects.filter(
        action="transitions.cp_handover.read", actor=cast.manager, child=cast.child_a
    ).exists()


def test_the_to_do_links_to_every_file_when_more_await_receipt_than_it_shows(cast, client_for):
    for days in range(11):
        HandoverFactory(
            child=cast.child_a,
            handed_by=cast.dsl,
            sent_on=timezone.localdate() - timedelta(days=days),
        )
    html = client_for(cast.dsl).get(reverse("home")).content.decode()
    to_do = html.split('id="sg-todo-heading"')[1].split("</section>")[0]
    assert "11 child-protection files awaiting the school" in to_do
    assert f'href="{reverse("transitions:handover_list")}"' in to_do


def test_cp_receipt_before_handover_is_refused(cast, client_for):
    handover = HandoverFactory(child=cast.child_a, handed_by=cast.dsl)
    response = client_for(cast.dsl).post(
        reverse("transitions:handover_receipt", kwargs={"pk": handover.pk}),
        {
            "received_on": (handover.sent_on - timedelta(days=1)).isoformat(),
            "received_by": "Head",
        },
    )
    assert response.status_code == 200
    handover.refresh_from_db()
    assert handover.received_on is None


def test_dashboard_counts_overdue_cp_receipts_and_reviews_due(cast, rf):
    HandoverFactory(
        child=cast.child_a, handed_by=cast.dsl, sent_on=timezone.localdate() - timedelta(days=14)
    )
    HandoverFactory(child=cast.child_b, handed_by=cast.dsl)
    SchoolFactory(name="Due", next_review_due=timezone.localdate() - timedelta(days=1))
    SchoolFactory(name="Not due")
    request = rf.get("/")
    request.user = cast.manager
    figures = {f["key"]: f["count"] for f in dashboard_figures(request)}
    assert figures["transitions.cp_receipts_overdue_count"] == 1
    assert figures["transitions.school_reviews_due_count"] == 1


# Fixed query counts ------------------------------------------------------------


def grow_schools(n):
    for _ in range(n):
        school = SchoolFactory()
        ActivityFactory(school=school, recorded_by=ManagerCache.get())


class ManagerCache:
    user = None

    @classmethod
    def get(cls):
        return cls.user


@pytest.fixture
def grower(cast):
    ManagerCache.user = cast.manager

    def grow_moves(n):
        for _ in range(n):
            child = ChildFactory(room=cast.child_a.room, leaving_on=next_september())
            move = MoveFactory(child=child, created_by=cast.manager)
            TransferFactory(child=child, school=move.school, prepared_by=cast.manager)
            HandoverFactory(
                child=child,
                school=move.school,
                handed_by=cast.dsl,
                sent_on=timezone.localdate() - timedelta(days=12),
            )
            SchoolFactory(next_review_due=timezone.localdate() - timedelta(days=1))

    return grow_moves


@pytest.mark.parametrize(
    ("url_name", "member"),
    [
        ("transitions:school_list", "practitioner"),
        ("transitions:move_list", "key_person"),
        ("transitions:transfer_list", "practitioner"),
        ("transitions:handover_list", "dsl"),
        ("home", "manager"),
        ("home", "dsl"),
    ],
)
def test_lists_and_home_panels_keep_a_fixed_query_count(url_name, member, cast, client_for, grower):
    client = client_for(getattr(cast, member))
    assert_fixed_queries(
        fetch=lambda: client.get(reverse(url_name)),
        grow=lambda n: (grower(n), grow_schools(n)),
    )


def test_parent_home_shows_the_move_with_a_fixed_query_count(cast, client_for):
    client = client_for(cast.parent_a)
    MoveFactory(child=cast.child_a, created_by=cast.key_person)

    def grow(n):
        for _ in range(n):
            child = ChildFactory()
            cast.parent_a.child_links.create(
                child=child, relationship="mother", has_parental_responsibility=True
            )
            MoveFactory(child=child, created_by=cast.key_person)

    response = assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=grow,
    )
    assert "Starting school" in response.content.decode()
    assert School.objects.count() >= 1
    assert ChildProtectionHandover.objects.count() == 0


def test_parents_home_lists_their_childrens_moves_soonest_first_joined_to_the_children(
    cast, django_assert_num_queries
):
    """Only the moves of the children this parent may open (not another
    family's, nor a child whose link gives no portal access) who are still
    at the nursery (not one who has left), soonest first,
    read with the children the page reads anyway."""
    from django.test import RequestFactory

    from families.selectors import parents_children
    from nursery.registry import home_panel, panel_alone
    from tests.factories import ParentLinkFactory

    later = MoveFactory(child=cast.child_a, starts_on=timezone.localdate() + timedelta(days=90))
    sibling = ChildFactory(first_name="Sam")
    ParentLinkFactory(parent=cast.parent_a, child=sibling)
    sooner = MoveFactory(child=sibling, starts_on=timezone.localdate() + timedelta(days=30))
    hidden = ChildFactory()
    ParentLinkFactory(parent=cast.parent_a, child=hidden, portal_access=False)
    MoveFactory(child=hidden)
    MoveFactory(child=cast.child_b)  # another family's
    left = ChildFactory(first_name="Left", leaving_on=timezone.localdate() - timedelta(days=10))
    ParentLinkFactory(parent=cast.parent_a, child=left)
    MoveFactory(child=left, starts_on=timezone.localdate() + timedelta(days=5))
    request = RequestFactory().get("/")
    request.user = cast.parent_a
    cast.parent_a.role  # noqa: B018  (read once per request, before the panels)
    parents_children(request)  # as the page reads them for its panels
    panel = home_panel.registry.get("transitions.my_children_moves")
    with django_assert_num_queries(0):
        context = panel_alone(panel, request)
        shown = [(m.pk, m.child.first_name, m.school.name) for m in context["moves"]]
    assert shown == [
        (sooner.pk, "Sam", sooner.school.name),
        (later.pk, cast.child_a.first_name, later.school.name),
    ]
