"""What the partnership records give to the packs that leave the setting."""

from django.template.loader import render_to_string

from nursery.registry import ParentsCopy, gather_child_records
from tests.families.factories import (
    ActionFactory,
    CommentFactory,
    CPTaskFactory,
    MeetingFactory,
    PlanReviewFactory,
    ReviewFactory,
    SessionFactory,
    SettlingPlanFactory,
    SupportPlanFactory,
    TargetFactory,
)


def School():
    from tests.transitions.factories import SchoolFactory

    return SchoolFactory()


def rendered(child, recipient):
    sections = gather_child_records(child=child, recipient=recipient)
    families = [s for s in sections if s["key"].startswith("families.")]
    return families, "".join(render_to_string(s["template"], s["context"]) for s in families)


def fill(child):
    meeting = MeetingFactory(child=child)
    CommentFactory(record=meeting, text="PARENT-VIEW")
    ActionFactory(meeting=meeting)
    MeetingFactory(child=child, shared_at=None, discussion="DRAFT-MEETING")
    CommentFactory(record=ReviewFactory(child=child, kind="two_year"), text="PARENT-CHECK-COMMENT")
    plan = SupportPlanFactory(child=child)
    TargetFactory(plan=plan)
    PlanReviewFactory(plan=plan)
    SessionFactory(plan=SettlingPlanFactory(child=child))
    CPTaskFactory(child=child)


def test_school_pack_has_shared_parts_and_never_staff_notes_or_protection_tasks(cast):
    fill(cast.child_a)
    sections, html = rendered(cast.child_a, School())
    assert "two-word phrases" in html  # the meeting's shared discussion
    assert "PARENT-CHECK-COMMENT" in html
    assert "Speech and language support" in html
    assert "STAFF-ONLY" not in html
    assert "RESTRICTED" not in html
    assert "DRAFT-MEETING" not in html
    # Settling in and practical details go to parents only.
    assert "blue blanket" not in html
    assert "Riverside Medical Centre" not in html
    for section in sections:
        assert "<h2>" in render_to_string(section["template"], section["context"])
        assert "<script" not in render_to_string(section["template"], section["context"])


def test_parents_bundle_adds_settling_in_and_practical_details(cast):
    fill(cast.child_a)
    _sections, html = rendered(cast.child_a, ParentsCopy(cast.parent_a))
    assert "blue blanket" in html
    # The practical details come once, in the child's record (transitions).
    everything = gather_child_records(child=cast.child_a, recipient="parents")
    whole = "".join(render_to_string(s["template"], s["context"]) for s in everything)
    assert whole.count("Riverside Medical Centre") == 1
    assert "PARENT-VIEW" in html  # parent_a's own comment, in parent_a's copy
    _sections, theirs = rendered(cast.child_a, ParentsCopy(cast.parent_a_home2))
    assert "blue blanket" in theirs and "PARENT-VIEW" not in theirs
    assert "STAFF-ONLY" not in html
    assert "RESTRICTED" not in html


def test_a_child_with_no_partnership_records_gives_a_school_nothing(cast):
    sections, _html = rendered(cast.child_b, School())
    assert sections == []
