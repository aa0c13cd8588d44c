"""Journeys of the move to school: the key person prepares the pack, the
parent consents, the key person records it sent and received; the parent
downloads the leaver's records."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consents.models import ConsentEvent
from tests.transitions.factories import MoveFactory, SchoolFactory
from transitions.models import Transfer

pytestmark = pytest.mark.browser


def test_pack_is_prepared_consented_sent_and_received(portal, cast):
    page = portal.page
    school = SchoolFactory(name="Riverside Primary")
    move = MoveFactory(child=cast.child_a, school=school, created_by=cast.key_person)

    portal.login(cast.key_person)
    portal.goto(move.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ada Ashworth's move to school")
    page.get_by_role("link", name="Write the summary").click()
    portal.check("summary-form")
    page.get_by_label("Communication and language").fill("Tells long stories about her cat.")
    page.get_by_label("What the school should know").fill("Needs her comforter at rest time.")
    page.get_by_role("button", name="Save").click()
    portal.check("summary-saved")
    page.get_by_role("link", name="Prepare the pack for the school").click()
    portal.check("prepare")
    page.get_by_role("button", name="Prepare the pack").click()
    portal.check("prepared")
    expect(page.get_by_text("Waiting for the parent's consent")).to_be_visible()
    page.get_by_role("link", name="Read the pack").click()
    portal.check("pack")
    expect(page.get_by_text("Tells long stories about her cat.")).to_be_visible()
    page.go_back()
    # Without a parent's consent to the pack, there is no "Record as sent"
    # to press: the page says why, and what the parents are asked.
    expect(page.get_by_role("button", name="Record as sent")).to_have_count(0)
    expect(
        page.get_by_text("The pack can be recorded as sent once a parent has consented to it.")
    ).to_be_visible()
    expect(page.get_by_text("a consent to records going to school")).to_be_visible()
    assert Transfer.objects.get().sent_on is None
    portal.logout()

    portal.login(cast.parent_a)
    page.get_by_role("link", name="Ada Ashworth starts at Riverside Primary").click()
    portal.check("parent-move")
    page.get_by_role("link", name="Add your views").click()
    portal.check("parent-views-form")
    page.get_by_label("Your views on your child's move to school").fill("She can't wait.")
    page.get_by_role("button", name="Send to the nursery").click()
    portal.check("parent-views-saved")
    page.get_by_role("link", name="Pack for Riverside Primary").click()
    portal.check("parent-pack")
    expect(page.get_by_text("Learning and development")).to_be_visible()
    page.get_by_label("I have parental responsibility").check()
    page.get_by_role("button", name="Give consent").click()
    portal.check("consented")
    expect(page.get_by_text("Your consent was recorded")).to_be_visible()
    # The decision is in the consents ledger, where the parent can see and change it.
    assert ConsentEvent.objects.filter(
        child=cast.child_a, consent_type__code="school_records_transfer", decision="given"
    ).exists()
    portal.logout()

    portal.login(cast.key_person)
    portal.goto(Transfer.objects.get().get_absolute_url())
    page.get_by_label("Sent to").fill("Mrs Okafor, reception teacher")
    page.get_by_label("How it was sent").select_option("secure_email")
    page.get_by_role("button", name="Record as sent").click()
    portal.check("sent")
    expect(page.get_by_text("The pack was recorded as sent.")).to_be_visible()
    page.get_by_label("Confirmed by").fill("Mrs Okafor")
    page.get_by_role("button", name="Record receipt").click()
    portal.check("received")
    expect(page.get_by_text("Received by the school")).to_be_visible()
    transfer = Transfer.objects.get()
    assert transfer.consent_by == cast.parent_a
    assert transfer.received_on == timezone.localdate()
    assert "She can&#x27;t wait." in transfer.sent_html


def test_parent_downloads_the_leavers_records(portal, cast):
    page = portal.page
    cast.child_a.leaving_on = timezone.localdate() + timedelta(days=40)
    cast.child_a.save()
    portal.login(cast.parent_a)
    page.locator('section[aria-labelledby="my-children-heading"]').get_by_role(
        "link", name="Ada Ashworth"
    ).click()
    portal.check("child")
    page.get_by_role("link", name="Records to keep when leaving").click()
    portal.check("bundle")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ada Ashworth's records to keep")
    expect(page.get_by_text("Kim Keyperson").first).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download as PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
