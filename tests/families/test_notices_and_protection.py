"""What parents tell the setting; the restricted child-protection-plan tasks."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from families.models import ChildProtectionTask, ParentNotice
from nursery.models import AuditEvent
from tests.families.factories import (
    CPTaskFactory,
    MeetingFactory,
    NoticeFactory,
    ReviewFactory,
    SupportPlanFactory,
)
from tests.utils import database_fingerprint


def absence(**overrides):
    today = timezone.localdate()
    data = {
        "kind": "absence",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=1)).isoformat(),
        "message": "Chickenpox, back on Thursday.",
    }
    data.update(overrides)
    return data


def test_parent_reports_an_absence_and_staff_see_it_at_home_today(cast, client_for):
    client_for(cast.parent_a).post(
        reverse("families:notice_create", args=[cast.child_a.pk]), absence()
    )
    notice = ParentNotice.objects.get()
    assert notice.sent_by == cast.parent_a and notice.seen_at is None
    home = client_for(cast.practitioner).get(reverse("home")).content.decode()
    assert "Chickenpox, back on Thursday." in home
    assert "Ada Ashworth" in home


def test_absence_ending_before_it_starts_is_refused(cast, client_for):
    today = timezone.localdate()
    response = client_for(cast.parent_a).post(
        reverse("families:notice_create", args=[cast.child_a.pk]),
        absence(ends_on=(today - timedelta(days=1)).isoformat()),
    )
    assert "The last day must be on or after the first day." in response.content.decode()
    assert not ParentNotice.objects.exists()


def test_an_absence_of_years_or_years_ahead_is_refused_with_a_message(cast, client_for):
    """A mistyped year (9999) would mark the child away for ever; an absence
    is reported for up to a year, and up to a year ahead."""
    today = timezone.localdate()
    client = client_for(cast.parent_a)
    url = reverse("families:notice_create", args=[cast.child_a.pk])
    response = client.post(url, absence(ends_on="9999-12-31"))
    assert "An absence can be reported for up to a year." in response.text
    response = client.post(
        url,
        absence(
            starts_on=(today + timedelta(days=400)).isoformat(),
            ends_on=(today + timedelta(days=401)).isoformat(),
        ),
    )
    assert "Absences can be reported up to a year ahead." in response.text
    assert not ParentNotice.objects.exists()
    long_holiday = absence(ends_on=(today + timedelta(days=300)).isoformat())
    assert client.post(url, long_holiday).status_code == 302


def test_absence_without_a_first_day_is_refused(cast, client_for):
    response = client_for(cast.parent_a).post(
        reverse("families:notice_create", args=[cast.child_a.pk]), absence(starts_on="")
    )
    assert "first day your child will be away" in response.content.decode()
    assert not ParentNotice.objects.exists()


def test_an_empty_message_is_refused(cast, client_for):
    response = client_for(cast.parent_a).post(
        reverse("families:notice_create", args=[cast.child_a.pk]),
        {"kind": "change", "message": "   "},
    )
    assert "Write your message." in response.content.decode()
    assert not ParentNotice.objects.exists()


def test_a_change_at_home_keeps_no_dates(cast, client_for):
    client_for(cast.parent_a).post(
        reverse("families:notice_create", args=[cast.child_a.pk]),
        absence(kind="change", message="We moved house."),
    )
    notice = ParentNotice.objects.get()
    assert notice.starts_on is None and notice.ends_on is None


def test_other_families_never_see_a_familys_messages(cast, client_for):
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, message="PRIVATE-A")
    for parent in (cast.parent_b, cast.parent_restricted):
        client = client_for(parent)
        assert "PRIVATE-A" not in client.get(reverse("home")).content.decode()
        response = client.get(reverse("families:notices", args=[cast.child_a.pk]))
        assert response.status_code == 404


def test_staff_mark_a_message_seen_and_answer_it(cast, client_for):
    notice = NoticeFactory(child=cast.child_a, sent_by=cast.parent_a)
    staff = client_for(cast.practitioner)
    staff.post(reverse("families:notice_seen", args=[cast.child_a.pk, notice.pk]))
    notice.refresh_from_db()
    assert notice.seen_by == cast.practitioner
    client_for(cast.practitioner).post(
        reverse("families:notice_answer", args=[cast.child_a.pk, notice.pk]),
        {"answer": "Thank you, get well soon."},
    )
    notice.refresh_from_db()
    assert notice.replied_by == cast.practitioner
    html = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "answered your message" in html


def test_child_protection_tasks_are_logged_each_time_they_are_read(cast, client_for):
    task = CPTaskFactory(child=cast.child_a)
    client_for(cast.dsl).get(reverse("families:cp_tasks", args=[cast.child_a.pk]))
    client_for(cast.key_person).get(
        reverse("families:cp_task_edit", args=[cast.child_a.pk, task.pk])
    )
    reads = AuditEvent.objects.reads().filter(child=cast.child_a)
    assert {e.actor for e in reads} == {cast.dsl, cast.key_person}


def test_a_practitioner_who_is_not_the_key_person_cannot_see_child_protection_tasks(
    cast, client_for
):
    task = CPTaskFactory(child=cast.child_a)
    client = client_for(cast.practitioner)
    assert client.get(reverse("families:cp_tasks", args=[cast.child_a.pk])).status_code == 403
    url = reverse("families:cp_task_edit", args=[cast.child_a.pk, task.pk])
    assert client.get(url).status_code == 403
    html = client.get(reverse("families:child_detail", args=[cast.child_a.pk])).content.decode()
    assert "RESTRICTED" not in html
    assert not AuditEvent.objects.reads().exists()


def test_dsl_records_and_updates_a_child_protection_task(cast, client_for):
    client = client_for(cast.dsl)
    client.post(
        reverse("families:cp_task_create", args=[cast.child_a.pk]),
        {"task": "Daily welfare check", "responsible": "Kim", "status": "not_started"},
    )
    task = ChildProtectionTask.objects.get()
    client.post(
        reverse("families:cp_task_edit", args=[cast.child_a.pk, task.pk]),
        {"task": "Daily welfare check", "responsible": "Kim", "status": "done", "notes": "ok"},
    )
    task.refresh_from_db()
    assert task.status == "done" and task.recorded_by == cast.dsl
    assert task.history.count() == 2


def test_a_task_due_in_a_year_typed_wrong_is_refused_and_the_task_stays_as_it_was(cast, client_for):
    client = client_for(cast.dsl)
    data = {"task": "Daily welfare check", "responsible": "Kim", "status": "not_started"}
    response = client.post(
        reverse("families:cp_task_create", args=[cast.child_a.pk]), {**data, "due_on": "9999-12-31"}
    )
    assert response.status_code == 200
    assert "too far ahead. Check the year." in response.content.decode()
    assert not ChildProtectionTask.objects.exists()
    task = CPTaskFactory(child=cast.child_a)
    before = database_fingerprint()
    response = client.post(
        reverse("families:cp_task_edit", args=[cast.child_a.pk, task.pk]),
        {**data, "due_on": "2999-01-31"},
    )
    assert response.status_code == 200
    assert database_fingerprint() == before


def test_no_page_a_parent_can_open_shows_child_protection_or_staff_only_text(cast, client_for):
    CPTaskFactory(child=cast.child_a)
    meeting = MeetingFactory(child=cast.child_a)
    review = ReviewFactory(child=cast.child_a, kind="two_year")
    plan = SupportPlanFactory(child=cast.child_a)
    client = client_for(cast.parent_a)
    a = cast.child_a.pk
    urls = [
        reverse("home"),
        reverse("families:child_detail", args=[a]),
        reverse("families:meetings", args=[a]),
        reverse("families:meeting_detail", args=[a, meeting.pk]),
        reverse("families:reviews", args=[a]),
        reverse("families:review_detail", args=[a, review.pk]),
        reverse("families:plans", args=[a]),
        reverse("families:plan_detail", args=[a, plan.pk]),
        reverse("families:settling", args=[a]),
        reverse("families:notices", args=[a]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "RESTRICTED" not in html, url
        assert "STAFF-ONLY" not in html, url
        assert "Child-protection" not in html, url
    assert client.get(reverse("families:cp_tasks", args=[a])).status_code == 403


def test_the_home_panel_lists_absences_and_unseen_messages(cast):
    """Today's absences by the child's name, the ten newest messages not yet
    seen and how many are unseen, in one query; a message that is both an
    absence today and unseen is in both lists; a past absence is in
    neither."""
    from django.test import RequestFactory

    from nursery.registry import home_panel, panel_alone
    from tests.factories import ChildFactory
    from tests.utils import count_queries

    today = timezone.localdate()
    now = timezone.now()
    children = [ChildFactory(last_name=name) for name in ("Young", "Abbott", "Moss")]
    away_unseen = [NoticeFactory(child=child) for child in children]
    messages = [
        NoticeFactory(child=children[0], kind="change", starts_on=None, ends_on=None)
        for _ in range(10)
    ]
    away_seen = NoticeFactory(child=children[1], seen_at=now, seen_by=cast.practitioner)
    NoticeFactory(  # away last week, seen
        child=children[2],
        starts_on=today - timedelta(days=7),
        ends_on=today - timedelta(days=6),
        seen_at=now,
        seen_by=cast.practitioner,
    )
    request = RequestFactory().get("/")
    request.user = cast.practitioner
    cast.practitioner.role  # noqa: B018  (read once per request, before the panels)
    panel = home_panel.registry.get("families.from_families")
    assert count_queries(lambda: panel_alone(panel, request)) == 1
    context = panel_alone(panel, request)

    by_name = sorted(
        [*away_unseen, away_seen], key=lambda n: (n.child.last_name, n.child.first_name, n.pk)
    )
    assert [n.pk for n in context["absences"]] == [n.pk for n in by_name]
    newest_first = sorted([*away_unseen, *messages], key=lambda n: (n.created_at, n.pk))[::-1]
    assert [n.pk for n in context["unseen"]] == [n.pk for n in newest_first[:10]]
    assert context["unseen_count"] == 13


def test_a_tasks_date_in_the_chronology_is_written_as_every_date_is(cast):
    """The date by which a task is due, in the DSL's chronology, in the
    reader's language as the rest of the portal writes it (a Romanian
    month in lower case, the Polish month as it stands after a day)."""
    from datetime import date

    from django.utils import translation

    from nursery.registry import chronology_for

    CPTaskFactory(child=cast.child_a, due_on=date(2026, 12, 5), recorded_by=cast.dsl)
    said = {}
    for language in ("en", "ro", "pl"):
        with translation.override(language):
            entries = chronology_for(child=cast.child_a, user=cast.dsl)
            said[language] = next(e.summary for e in entries if "RESTRICTED-TASK" in e.summary)
    assert said["en"].endswith("(Kim Keyperson, 5 December 2026)")
    assert said["ro"].endswith("(Kim Keyperson, 5 decembrie 2026)")
    assert said["pl"].endswith("(Kim Keyperson, 5 grudnia 2026)")


def test_a_required_choice_of_radio_buttons_starts_with_none_ticked(cast, client_for):
    """ "What is it about?" offers the three answers, none ticked: no
    "Choose one" among them, ticked before the parent has chosen."""
    page = (
        client_for(cast.parent_a)
        .get(reverse("families:notice_create", args=[cast.child_a.pk]))
        .text
    )
    radios = re.findall(r'<input type="radio"[^>]*name="kind"[^>]*>', page)
    assert len(radios) == 3
    assert not [radio for radio in radios if 'value=""' in radio or "checked" in radio]
    assert "Choose one" not in page


def test_who_reads_a_meeting_is_asked_with_nothing_ticked(cast, client_for):
    """Where a child's adults live in two homes, the meeting's "Who reads
    this record?" starts with no answer ticked, "Every home" among them, so
    that passing over it does not send one home's matters to the other."""
    page = (
        client_for(cast.key_person)
        .get(reverse("families:meeting_create", args=[cast.child_a.pk]))
        .text
    )
    radios = re.findall(r'<input type="radio"[^>]*name="for_household"[^>]*>', page)
    assert [re.search(r'value="([^"]*)"', radio).group(1) for radio in radios] == [
        "every",
        "1",
        "2",
    ]
    assert not [radio for radio in radios if "checked" in radio]
    assert "Every home" in page and "Only the home of Sam Cole" in page
