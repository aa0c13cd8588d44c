"""Journey of the safeguarding workspace on a 768 px tablet: a practitioner
records a concern; the DSL sees it on their home page, opens it, decides to
refer, records the referral (which appears in the information-sharing log),
puts the child on a plan, opens the list of children with a status from the
home page, and reads the child's chronology (on screen and as a PDF). axe
runs on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agencies.models import SharingDecision
from safeguarding.models import Concern, Decision, Referral
from tests.agencies.factories import AgencyFactory
from tests.families.factories import CPTaskFactory

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}


def label(text):
    # Crispy marks required labels with an asterisk.
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def log_out(portal):
    """At 768 px the menu is folded behind its button: the portal opens it."""
    portal.logout()


@pytest.fixture
def social_care(cast):
    return AgencyFactory(name="Newtown Children's Social Care", kind="social_care")


def test_a_concern_goes_from_the_practitioner_to_the_dsl_and_into_the_chronology(
    portal, cast, social_care
):
    page = portal.page
    page.set_viewport_size(TABLET)
    CPTaskFactory(
        child=cast.child_a,
        task="Attend the core group meeting",
        responsible=cast.dsl.full_name,
        due_on=timezone.localdate() + timedelta(days=12),
        recorded_by=cast.dsl,
    )

    # A practitioner who is not the child's key person records a concern.
    portal.login(cast.practitioner)
    portal.goto(f"/children/{cast.child_a.pk}/")
    page.get_by_role("main").get_by_role("link", name="Record a concern").first.click()
    portal.check("concern-form")
    page.get_by_label(label("What you saw or heard")).fill(
        "Two round bruises on her upper left arm at drop-off."
    )
    page.get_by_label(label("What you did")).fill("Listened; did not ask questions.")
    page.get_by_role("button", name="Send to the safeguarding lead").click()
    portal.check("concern-sent")
    expect(page.get_by_text("Thank you. Your concern was sent")).to_be_visible()
    expect(page.get_by_text("not yet opened")).to_be_visible()
    concern = Concern.objects.get()
    assert concern.child == cast.child_a
    log_out(portal)

    # The DSL's home counts it, with their own task due, naming neither;
    # the list of concerns waiting names the child.
    portal.login(cast.dsl)
    panel = page.get_by_role("region", name="Safeguarding: what needs doing now")
    expect(panel).to_be_visible()
    expect(panel.get_by_text("1 concern waiting for your decision")).to_be_visible()
    expect(panel.get_by_text("1 child-protection-plan task due or overdue")).to_be_visible()
    expect(panel.get_by_text(cast.child_a.display_name)).to_have_count(0)
    panel.get_by_role("link", name="Concerns waiting for a decision").click()
    portal.check("concerns-waiting")
    expect(page.get_by_role("cell", name=cast.child_a.display_name)).to_be_visible()
    page.get_by_role("main").get_by_role("table").get_by_role("link").first.click()
    portal.check("concern")
    expect(page.get_by_text("Two round bruises on her upper left arm")).to_be_visible()
    page.get_by_role("link", name="Record a decision").click()
    portal.check("decision-form")
    page.get_by_label("Referral to children's social care").check()
    page.get_by_label(label("Why")).fill("Marks consistent with gripping; refer today.")
    page.get_by_role("button", name="Record the decision").click()

    # Straight on to the referral.
    portal.check("referral-form")
    page.get_by_label(label("Referred to")).select_option(label="Newtown Children's Social Care")
    page.get_by_label(label("Contact at the agency")).fill("Sam Duty, duty social worker")
    page.get_by_label("Their reference number").fill("CSC-2026-0413")
    page.get_by_label(label("How it was made")).select_option(label="Phone call")
    page.get_by_label(label("What was shared")).fill("The marks seen and what was done.")
    page.get_by_label("Consent not sought").check()
    page.get_by_role("button", name="Record the referral").click()
    portal.check("referral-errors")
    expect(page.get_by_text("needs the reason")).to_be_visible()
    assert not Referral.objects.exists()
    page.get_by_label("Why it was shared without consent").fill(
        "Asking the parents could put the child at risk."
    )
    page.get_by_role("button", name="Record the referral").click()
    portal.check("referral")
    expect(page.get_by_text("entered in the information-sharing log")).to_be_visible()
    assert Decision.objects.get().outcome == "social_care"
    referral = Referral.objects.get()
    assert SharingDecision.objects.get() == referral.sharing

    # The referral is in the child's information-sharing log.
    page.get_by_role("link", name="Open the log entry").click()
    portal.check("sharing-entry")
    expect(page.get_by_text("The marks seen and what was done.")).to_be_visible()
    portal.goto(f"/agencies/children/{cast.child_a.pk}/")
    expect(page.get_by_role("cell", name="Newtown Children's Social Care")).to_be_visible()

    # The child goes on a child-protection plan.
    portal.goto(f"/safeguarding/children/{cast.child_a.pk}/")
    page.get_by_role("link", name="Add a status").click()
    portal.check("status-form")
    page.get_by_label(label("Status")).select_option(label="Child-protection plan")
    page.get_by_label(label("From")).fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Add the status").click()
    portal.check("status-saved")
    expect(page.get_by_text("The status was recorded.")).to_be_visible()

    # The chronology, on screen and as a PDF.
    page.get_by_role("link", name="Read the chronology").click()
    portal.check("chronology")
    table = page.get_by_role("table")
    expect(table.get_by_text("Two round bruises", exact=False)).to_be_visible()
    expect(table.get_by_text("Decision: Referral to children's social care")).to_be_visible()
    expect(table.get_by_text("Referral to Newtown Children's Social Care")).to_be_visible()
    expect(table.get_by_text("Shared with Newtown Children's Social Care")).to_be_visible()
    expect(table.get_by_text("Attend the core group meeting", exact=False)).to_be_visible()
    expect(table.get_by_text("Status from: Child-protection plan")).to_be_visible()
    pdf_link = page.get_by_role("link", name="Download as PDF")
    pdf = page.request.get(portal.base_url + pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # The home page now has nothing waiting and the referral awaiting its outcome.
    portal.goto("/")
    expect(panel.get_by_text("0 concerns waiting for your decision")).to_be_visible()
    expect(panel.get_by_text("1 referral awaiting an outcome")).to_be_visible()
    panel.get_by_role("link", name="1 child with a safeguarding status").click()
    portal.check("status-children")
    expect(page.get_by_role("cell", name=cast.child_a.display_name, exact=False)).to_be_visible()
    expect(page.get_by_text("Child-protection plan").first).to_be_visible()
    portal.goto("/")
    portal.goto("/safeguarding/who-read/")
    expect(page.get_by_role("heading", name="Who read restricted records")).to_be_visible()
    log_out(portal)

    # The practitioner sees it was received, never the decision.
    portal.login(cast.practitioner)
    portal.goto("/safeguarding/concerns/mine/")
    expect(page.get_by_text("Opened by the safeguarding lead")).to_be_visible()
    expect(page.get_by_text("social care")).to_have_count(0)
