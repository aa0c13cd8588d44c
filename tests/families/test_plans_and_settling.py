"""Support plans with targets and reviews; the settling-in plan."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from families.models import SettlingInPlan, SupportPlan, SupportPlanReview
from tests.families.factories import SessionFactory, SettlingPlanFactory, SupportPlanFactory


def plan_post(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Speech and language",
        "started_on": today.isoformat(),
        "agreed_with": "Alex (mum)",
        "needs": "Help to join words.",
        "next_review_on": (today + timedelta(days=60)).isoformat(),
        "staff_notes": "STAFF-ONLY",
        "share": "on",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-target": "Two-word phrases",
        "rows-0-setting_tasks": "Daily language game",
        "rows-0-home_tasks": "Name foods at dinner",
    }
    data.update(overrides)
    return data


def test_key_person_agrees_a_support_plan_with_targets(cast, client_for):
    response = client_for(cast.key_person).post(
        reverse("families:plan_create", args=[cast.child_a.pk]), plan_post()
    )
    assert response.status_code == 302
    plan = SupportPlan.objects.get()
    assert plan.targets.get().home_tasks == "Name foods at dinner"


def test_review_date_before_the_plan_is_refused(cast, client_for):
    day = timezone.localdate()
    response = client_for(cast.key_person).post(
        reverse("families:plan_create", args=[cast.child_a.pk]),
        plan_post(next_review_on=(day - timedelta(days=1)).isoformat()),
    )
    assert "The review must be after the plan was agreed." in response.content.decode()
    assert not SupportPlan.objects.exists()


def test_plan_without_a_target_is_refused(cast, client_for):
    client_for(cast.key_person).post(
        reverse("families:plan_create", args=[cast.child_a.pk]),
        plan_post(**{"rows-0-target": "", "rows-0-setting_tasks": "", "rows-0-home_tasks": ""}),
    )
    assert not SupportPlan.objects.exists()


def test_plan_review_records_progress_and_moves_the_next_review(cast, client_for):
    plan = SupportPlanFactory(child=cast.child_a)
    following = timezone.localdate() + timedelta(days=90)
    client_for(cast.key_person).post(
        reverse("families:plan_review", args=[cast.child_a.pk, plan.pk]),
        {
            "reviewed_on": timezone.localdate().isoformat(),
            "progress": "Uses three phrases.",
            "parent_contribution": "Mum hears new words daily.",
            "next_review_on": following.isoformat(),
        },
    )
    plan.refresh_from_db()
    assert plan.reviews.get().parent_contribution == "Mum hears new words daily."
    assert plan.next_review_on == following


def test_plan_review_in_the_future_is_refused(cast, client_for):
    plan = SupportPlanFactory(child=cast.child_a)
    response = client_for(cast.key_person).post(
        reverse("families:plan_review", args=[cast.child_a.pk, plan.pk]),
        {
            "reviewed_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "progress": "x",
            "parent_contribution": "y",
        },
    )
    assert "This date cannot be in the future." in response.content.decode()
    assert not SupportPlanReview.objects.exists()


def test_parent_sees_the_plan_but_not_its_staff_only_notes(cast, client_for):
    plan = SupportPlanFactory(child=cast.child_a)
    html = (
        client_for(cast.parent_a)
        .get(reverse("families:plan_detail", args=[cast.child_a.pk, plan.pk]))
        .content.decode()
    )
    assert plan.needs in html
    assert "STAFF-ONLY" not in html


def test_settling_in_plan_is_written_with_sessions(cast, client_for):
    start = cast.child_a.started_on
    response = client_for(cast.key_person).post(
        reverse("families:settling_edit", args=[cast.child_a.pk]),
        {
            "agreed_on": start.isoformat(),
            "arrangements": "Bring the blue blanket.",
            "share": "on",
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-on": start.isoformat(),
            "rows-0-starts_at": "09:30",
            "rows-0-length_minutes": "60",
            "rows-0-who_stays": "Mum stays",
        },
    )
    assert response.status_code == 302
    assert SettlingInPlan.objects.get().sessions.get().who_stays == "Mum stays"


def test_settling_session_of_impossible_length_is_refused(cast, client_for):
    start = cast.child_a.started_on
    client_for(cast.key_person).post(
        reverse("families:settling_edit", args=[cast.child_a.pk]),
        {
            "agreed_on": start.isoformat(),
            "arrangements": "x",
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-on": start.isoformat(),
            "rows-0-starts_at": "09:30",
            "rows-0-length_minutes": "5",
            "rows-0-who_stays": "Mum",
        },
    )
    assert not SettlingInPlan.objects.exists()


def test_parent_sees_and_comments_on_the_settling_in_plan(cast, client_for):
    plan = SettlingPlanFactory(child=cast.child_a)
    SessionFactory(plan=plan)
    client = client_for(cast.parent_a)
    html = client.get(reverse("families:settling", args=[cast.child_a.pk])).content.decode()
    assert "blue blanket" in html and "STAFF-ONLY" not in html
    client.post(
        reverse("families:settling_comment", args=[cast.child_a.pk]),
        {"comment": "She was happy at pick-up."},
    )
    assert [c.text for c in plan.comments.all()] == ["She was happy at pick-up."]


def test_parent_does_not_see_a_settling_in_plan_not_yet_shared(cast, client_for):
    SettlingPlanFactory(child=cast.child_a, shared_at=None)
    client = client_for(cast.parent_a)
    html = client.get(reverse("families:settling", args=[cast.child_a.pk])).content.decode()
    assert "blue blanket" not in html
    response = client.post(
        reverse("families:settling_comment", args=[cast.child_a.pk]), {"comment": "Hello"}
    )
    assert response.status_code == 404
