"""Journeys of the key-person partnership: a key person logs and shares a
meeting, the parent reads it, comments and completes their action; the check
at age two is written, commented on and signed off by the parent."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from families.models import (
    AgreedAction,
    HouseholdRead,
    KeyPersonMeeting,
    ProgressReview,
)
from nursery.dates import months_before

pytestmark = pytest.mark.browser


def test_key_person_shares_a_meeting_and_the_parent_comments_and_completes_an_action(portal, cast):
    page = portal.page
    portal.login(cast.key_person)
    portal.goto(f"/children/{cast.child_a.pk}/")
    page.get_by_role("link", name="Key-person meetings").click()
    portal.check("meetings")
    page.get_by_role("link", name="Log a meeting").click()
    portal.check("meeting-form")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date of the meeting").fill(yesterday.isoformat())
    page.locator("#id_method").select_option(label="In person")
    page.get_by_label("What we talked about").fill("Ada builds tall towers and counts to five.")
    page.get_by_label("Staff-only notes").fill("Mum mentioned money worries.")
    page.locator("#id_rows-0-description").fill("Bring in a photo of the family pet")
    page.locator("#id_rows-0-owner").select_option(label="The family")
    page.get_by_label("Share with the family now").check()
    # No attendee: refused, nothing saved.
    page.get_by_role("button", name="Save").click()
    portal.check("meeting-errors")
    expect(page.get_by_text("Say who attended the meeting.")).to_be_visible()
    # Ada's adults live in two homes: which one reads it is asked, not assumed.
    expect(page.get_by_text("Choose which home reads this record.")).to_be_visible()
    assert not KeyPersonMeeting.objects.exists()
    page.get_by_label("Who attended").fill("Kim (key person), Alex (mum)")
    page.get_by_label("Only the home of Alex Ashworth").check()
    page.get_by_role("button", name="Save").click()
    portal.check("meeting-saved")
    expect(page.get_by_text("Saved and shared with the family.")).to_be_visible()
    expect(page.get_by_text("Mum mentioned money worries.")).to_be_visible()
    portal.logout()

    portal.login(cast.parent_a)
    expect(page.get_by_text("New to read")).to_be_visible()
    page.get_by_role("link", name="New to read").first.click()
    portal.check("parent-meeting")
    expect(page.get_by_text("Ada builds tall towers and counts to five.")).to_be_visible()
    expect(page.get_by_text("Mum mentioned money worries.")).to_have_count(0)
    expect(page.get_by_text("Staff-only notes")).to_have_count(0)
    page.get_by_role("button", name="I have read this").click()
    portal.check("read")
    page.get_by_role("button", name="Send comment").click()
    portal.check("empty-comment")
    expect(page.get_by_text("Write your comment before sending it.").first).to_be_visible()
    page.get_by_label("Your comment").fill("He counts the stairs at home too!")
    page.get_by_role("button", name="Send comment").click()
    portal.check("commented")
    expect(page.locator("blockquote", has_text="He counts the stairs at home too!")).to_be_visible()
    page.get_by_role("button", name="Mark done: Bring in a photo of the family pet").click()
    portal.check("action-done")
    expect(page.get_by_text("The action is marked as done.")).to_be_visible()
    meeting = KeyPersonMeeting.objects.get()
    assert [read.read_by for read in meeting.reads.all()] == [cast.parent_a]
    assert [c.text for c in meeting.comments.all()] == ["He counts the stairs at home too!"]
    assert AgreedAction.objects.get().done_by == cast.parent_a


def test_two_year_check_is_written_commented_on_and_signed_off(portal, cast):
    cast.child_a.date_of_birth = months_before(timezone.localdate(), 27)
    cast.child_a.save()
    page = portal.page
    portal.login(cast.key_person)
    expect(page.get_by_text("Progress checks at age two")).to_be_visible()
    page.get_by_role("link", name="Ada Ashworth").first.click()
    portal.goto(f"/children/{cast.child_a.pk}/progress/")
    expect(page.get_by_text("The progress check at age two is due now")).to_be_visible()
    page.get_by_role("link", name="Write the check at age two").click()
    portal.check("check-form")
    page.get_by_label("Communication and language").fill("Uses about 50 words and some pairs.")
    page.get_by_label("Physical development").fill("Runs, climbs and kicks a ball.")
    page.get_by_label("Personal, social and emotional").fill("Plays alongside friends.")
    page.locator("#id_strengths").fill("Loves books and music.")
    page.get_by_label("What the nursery will do").fill("Small-group stories every day.")
    page.get_by_label("What the family might do at home").fill("A bedtime story each night.")
    page.get_by_label("Staff-only notes").fill("Keep an eye on hearing.")
    page.get_by_label("Share with the family now").check()
    page.get_by_role("button", name="Save").click()
    portal.check("check-saved")
    expect(page.get_by_text("Saved and shared with the family.")).to_be_visible()
    expect(
        page.get_by_text("No consent to share the check with the health visitor")
    ).to_be_visible()
    portal.logout()

    portal.login(cast.parent_a)
    page.get_by_role("link", name="Please read, comment on and sign off").click()
    portal.check("parent-check")
    expect(page.get_by_text("Uses about 50 words and some pairs.")).to_be_visible()
    expect(page.get_by_text("Keep an eye on hearing.")).to_have_count(0)
    page.get_by_label("Your comment").fill("At home she sings whole songs.")
    page.get_by_role("button", name="Send comment").click()
    portal.check("check-commented")
    page.get_by_role("button", name="Sign off the check").click()
    portal.check("signed-off")
    expect(page.get_by_text("You have signed off the check.")).to_be_visible()
    check = ProgressReview.objects.get()
    assert [c.text for c in check.comments.all()] == ["At home she sings whole songs."]
    assert check.signed_off_by == cast.parent_a


def test_changing_a_signed_check_asks_the_parent_to_sign_a_new_version(portal, cast):
    from tests.families.factories import ReviewFactory

    cast.child_a.date_of_birth = months_before(timezone.localdate(), 28)
    cast.child_a.save()
    signed = ReviewFactory(
        child=cast.child_a,
        kind="two_year",
        recorded_by=cast.key_person,
        signed_off_by=cast.parent_a,
        signed_off_at=timezone.now() - timedelta(days=2),
    )
    HouseholdRead.objects.create(
        record=signed, household=1, read_by=cast.parent_a, read_at=signed.signed_off_at
    )
    page = portal.page
    page.set_viewport_size({"width": 1024, "height": 768})
    portal.login(cast.key_person)
    portal.goto(f"/children/{cast.child_a.pk}/progress/{signed.pk}/")
    page.get_by_role("link", name="Change or share").click()
    portal.check("edit-signed-check")
    page.locator("#id_strengths").fill("Loves books, music and puzzles.")
    page.get_by_role("button", name="Save").click()
    portal.check("new-version")
    expect(page.get_by_text("The signed check is kept as it was.")).to_be_visible()
    expect(page.get_by_text("Version 2")).to_be_visible()
    portal.logout()

    page.set_viewport_size({"width": 390, "height": 844})
    portal.login(cast.parent_a)
    page.get_by_role("link", name="Please read, comment on and sign off").click()
    portal.check("parent-new-version")
    expect(page.get_by_text("Loves books, music and puzzles.")).to_be_visible()
    page.get_by_role("link", name="Read the earlier version").click()
    portal.check("parent-signed-version")
    expect(page.get_by_text("Curious and sociable.")).to_be_visible()
    expect(page.get_by_text("kept as it was signed off")).to_be_visible()
    page.get_by_role("link", name="Read the newer version").click()
    page.get_by_role("button", name="Sign off the check").click()
    portal.check("new-version-signed")
    expect(page.get_by_text("You have signed off the check.")).to_be_visible()
    page.set_viewport_size({"width": 1024, "height": 768})
    new = ProgressReview.objects.get(supersedes=signed)
    assert new.signed_off_by == cast.parent_a
    signed.refresh_from_db()
    assert signed.strengths == "Curious and sociable."
