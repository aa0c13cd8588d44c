"""Journey of subject access: a parent asks for their data on a phone
(360 px), the manager gathers and delivers the records on a tablet
(768 px), and the parent opens and downloads them."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from records.models import SubjectAccessRequest
from tests.families.factories import MeetingFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
TABLET = {"width": 768, "height": 1024}


def test_a_parent_asks_for_their_data_and_downloads_it(portal, cast):
    page = portal.page
    MeetingFactory(child=cast.child_a, discussion="Ada built a tall tower with Sam.")
    MeetingFactory(child=cast.child_b, discussion="Ben's meeting, another family.")

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.nav("The nursery", "Your data")
    portal.check("your-data")
    page.get_by_role("link", name="Ask for your data").click()
    portal.check("ask")
    page.get_by_label("Anything you would like us to know (optional)").fill("Everything, please.")
    page.get_by_role("button", name="Send my request").click()
    portal.check("asked")
    expect(page.get_by_text("Your request has been sent.")).to_be_visible()
    sar = SubjectAccessRequest.objects.get(requester=cast.parent_a)
    expect(page.get_by_text(sar.due_on.strftime("%-d %B %Y")).first).to_be_visible()
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.manager)
    expect(page.get_by_role("heading", name="Requests for data")).to_be_visible()
    page.get_by_role("link", name="Alex Ashworth").first.click()
    portal.check("manager-request")
    page.get_by_role("button", name="Gather the records").click()
    portal.check("gathered")
    expect(page.get_by_text("The pack is ready.")).to_be_visible()
    page.get_by_role("link", name="Read the records").click()
    portal.check("manager-reads-pack")
    expect(page.get_by_text("Ada built a tall tower with Sam.")).to_be_visible()
    expect(page.get_by_text("Ben's meeting, another family.")).to_have_count(0)
    page.go_back()
    page.get_by_role("button", name="Deliver the records").click()
    portal.check("delivered")
    expect(page.get_by_text("Delivered: the requester can now open the pack.")).to_be_visible()
    portal.logout()

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page.get_by_role("link", name="Open your records").click()
    portal.check("parent-request")
    page.get_by_role("link", name="Read the records").click()
    portal.check("parent-pack")
    expect(page.get_by_text("Ada built a tall tower with Sam.")).to_be_visible()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download as PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as data:
        page.get_by_role("link", name="Download as a data file (JSON)").click()
    parsed = json.loads(Path(data.value.path()).read_text())
    assert parsed["person"]["email"] == cast.parent_a.email
    assert "Ben" not in json.dumps(parsed)


def test_the_pack_fits_a_phone_screen(portal, cast):
    """Tables gathered from every area scroll inside themselves at 360 px."""
    from records import services
    from tests.records.factories import make_request

    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    portal.page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(f"/records/requests/{sar.pk}/pack/")
    expect(portal.page.get_by_role("heading", name="Consents and medication")).to_be_visible()
    width = portal.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # A part scrolls only where its own table is wider than the phone: a
    # part of plain text does not slide under the thumb.
    sliding = portal.page.evaluate(
        """[...document.querySelectorAll('.pack-part')]
             .filter(p => !p.querySelector('table') && p.scrollWidth > p.clientWidth)
             .map(p => p.getAttribute('aria-label'))"""
    )
    assert sliding == []


def test_the_manager_keeps_records_on_a_tablet(portal, cast):
    """The manager's pages at 768 px: the requests with their deadlines, more
    time for a complex request, the schedule, a legal hold, a restriction."""
    from tests.records.factories import make_request

    page = portal.page
    sar = make_request(cast.parent_b)
    page.set_viewport_size(TABLET)
    portal.login(cast.manager)
    portal.goto("/records/requests/")
    expect(page.get_by_role("link", name="Bo Bennett")).to_be_visible()
    page.get_by_role("link", name="Bo Bennett").click()
    portal.check("request")
    page.get_by_role("link", name="Take more time for a complex request").click()
    portal.check("more-time")
    page.get_by_label("How much more time").select_option("2")
    page.get_by_label("Why the request is complex (the requester reads this)").fill(
        "Two years of records to read."
    )
    page.get_by_role("button", name="Take more time and tell the requester").click()
    portal.check("more-time-taken")
    expect(page.get_by_text("Two years of records to read.")).to_be_visible()
    sar.refresh_from_db()
    assert sar.extended_to is not None

    page.get_by_role("link", name="All requests").click()
    page.get_by_role("link", name="Keeping records").click()
    portal.check("retention")
    expect(page.get_by_role("cell", name="until the child is 25", exact=True)).to_be_visible()
    page.get_by_role("link", name="Place a legal hold").click()
    portal.check("hold-form")
    page.get_by_label("Child").select_option(label=str(cast.child_a))
    page.get_by_label("Reason (a claim, an investigation)").fill("An insurance claim.")
    page.get_by_role("button", name="Place the hold").click()
    portal.check("hold-placed")
    expect(page.get_by_text("An insurance claim.")).to_be_visible()

    page.get_by_role("link", name="Erasure and restriction").click()
    portal.check("rights")
    page.get_by_role("link", name="Record a request").click()
    portal.check("rights-form")
    page.get_by_label("Kind of request").select_option("restriction")
    page.get_by_label("Ground").select_option("accuracy_contested")
    page.get_by_label("Child").select_option(label=str(cast.child_a))
    page.get_by_label("Who is asking").select_option(label=str(cast.parent_a))
    page.get_by_label("What is asked").fill("The meeting dates are wrong.")
    page.get_by_role("button", name="Record the request").click()
    portal.check("rights-recorded")
    page.get_by_role("link", name="Decide").click()
    portal.check("rights-decide")
    page.get_by_label("Granted").check()
    page.get_by_label("Reason").fill("Checking the dates.")
    page.get_by_role("button", name="Record the decision").click()
    portal.check("restricted")
    expect(page.get_by_text("In force")).to_be_visible()
