"""Journeys of the agencies area: the manager reviews a partnership; a key
person records sharing decisions with and without consent; the DSL records
third-party information and a supervised visit; the parent sees none of it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agencies.models import AgencyReview, SharingDecision, SupervisedVisit
from agencies.models import ThirdPartyInformation as Item
from tests.agencies.factories import AgencyFactory, SignpostFactory

pytestmark = pytest.mark.browser
# Crispy marks required labels with an asterisk.
AGENCY = re.compile(r"^\s*Agency\s*\*?\s*$")


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def speech(cast):
    return AgencyFactory(
        name="Newtown Speech Service",
        kind="speech",
        next_review_due=timezone.localdate() - timedelta(days=12),
        protocol="Referrals with the parents' written consent.",
    )


def test_manager_reviews_a_partnership(portal, cast, speech):
    page = portal.page
    portal.login(cast.manager)
    # What needs attention names the reviews due once, and leads to them.
    page.get_by_role("link", name="Partnership reviews due or overdue", exact=True).click()
    page.get_by_role("link", name="Review Newtown Speech Service").click()
    portal.check("review-form")
    page.get_by_label("What was agreed").fill("Termly liaison; leaflets refreshed for parents.")
    page.get_by_label("Next review due").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Record the review").click()
    portal.check("review-errors")
    expect(page.get_by_text("The next review must come after this one.")).to_be_visible()
    assert not AgencyReview.objects.exists()

    next_review_due = timezone.localdate() + timedelta(days=365)
    page.get_by_label("Next review due").fill(next_review_due.isoformat())
    page.get_by_role("button", name="Record the review").click()
    portal.check("reviews-due")
    expect(page.get_by_text("The review was recorded.")).to_be_visible()
    expect(page.get_by_text("Every partnership has been reviewed on time.")).to_be_visible()
    speech.refresh_from_db()
    assert speech.next_review_due == next_review_due

    portal.nav("Partnerships", "Agencies")
    portal.check("directory")
    page.get_by_role("link", name="Newtown Speech Service").click()
    portal.check("agency")
    expect(page.get_by_text("Termly liaison; leaflets refreshed for parents.")).to_be_visible()


def test_key_person_records_sharing_with_and_without_consent(portal, cast, speech):
    page = portal.page
    portal.login(cast.key_person)
    portal.goto(f"/children/{cast.child_a.pk}/")
    page.get_by_role("link", name="Open the restricted records").click()
    portal.check("records")
    page.get_by_role("link", name="Record a sharing decision").click()
    portal.check("sharing-form")

    def fill(information, consent):
        page.get_by_label("Share the information").check()
        page.get_by_label(AGENCY).select_option(label="Newtown Speech Service")
        page.get_by_label("Contact at the agency").fill("Priya Shah, therapist")
        page.get_by_label("What information").fill(information)
        page.get_by_label("For what purpose").fill("Referral for assessment")
        page.get_by_label(consent).check()
        page.get_by_label("How it was sent").select_option(label="Secure email")

    fill("Speech observations", "Consent sought and given")
    page.get_by_role("button", name="Record the decision").click()
    portal.check("shared-with-consent")
    expect(page.get_by_text("The decision was recorded in the log.")).to_be_visible()
    expect(page.get_by_role("heading", name="Shared with Newtown Speech Service")).to_be_visible()

    page.get_by_role("link", name="Back to the log").click()
    page.get_by_role("link", name="Record a sharing decision").click()
    fill("Disclosure and injury observed", "Consent not sought")
    page.get_by_role("button", name="Record the decision").click()
    portal.check("without-consent-refused")
    expect(page.get_by_text("needs the reason")).to_be_visible()
    assert SharingDecision.objects.count() == 1

    page.get_by_label("Why it was shared without consent").fill(
        "Asking the parent first could put the child at risk of harm."
    )
    page.get_by_role("button", name="Record the decision").click()
    portal.check("shared-without-consent")
    expect(page.get_by_text("Asking the parent first could put the child")).to_be_visible()
    assert SharingDecision.objects.filter(consent="not_sought").count() == 1

    page.get_by_role("link", name="Back to the log").click()
    portal.check("log")
    expect(page.get_by_text("shared without consent")).to_be_visible()


def test_dsl_records_third_party_information_and_a_visit_parent_sees_none(portal, cast, speech):
    page = portal.page
    SignpostFactory(child=cast.child_a, agency=speech, reason="STAFF-ONLY-REASON")
    portal.login(cast.dsl)
    portal.goto(f"/agencies/children/{cast.child_a.pk}/")
    page.get_by_role("link", name="Record information received").click()
    portal.check("third-party-form")
    page.get_by_label("From the agency").select_option(label="Newtown Speech Service")
    page.get_by_label("Given by").fill("Priya Shah, therapist")
    page.get_by_label("In short").fill("Assessment summary")
    page.get_by_label("The information").fill("CONFIDENTIAL-ASSESSMENT-DETAIL")
    page.get_by_role("button", name="Save").click()
    portal.check("third-party-saved")
    expect(page.get_by_text("No consent recorded: confidential.")).to_be_visible()
    assert Item.objects.count() == 1

    page.get_by_role("link", name="Back to the records").click()
    page.get_by_role("link", name="Record a visit").click()
    portal.check("visit-form")
    now = timezone.now()
    page.get_by_label(AGENCY).select_option(label="Newtown Speech Service")
    page.get_by_label("Visitor's name").fill("Priya Shah")
    page.get_by_label("Visitor's role").fill("Speech and language therapist")
    page.get_by_label(re.compile(r"^\s*Identity checked")).check()
    page.get_by_label("How identity was checked").fill("NHS badge seen")
    page.get_by_label("Purpose of the visit").fill("Observe at play")
    page.get_by_label("Arrived").fill(local(now - timedelta(hours=1)))
    page.get_by_label("Left").fill(local(now - timedelta(hours=2)))
    page.get_by_label("Supervised throughout by").select_option(index=0)
    page.get_by_label("Notes of the visit").fill("VISIT-NOTES-RESTRICTED")
    page.get_by_role("button", name="Record the visit").click()
    portal.check("visit-errors")
    expect(page.get_by_text("The departure must be after the arrival.")).to_be_visible()
    expect(page.get_by_text("without the member of staff who supervised it")).to_be_visible()
    assert not SupervisedVisit.objects.exists()

    page.get_by_label("Left").fill(local(now - timedelta(minutes=10)))
    page.get_by_label("Supervised throughout by").select_option(label="Dee Lead")
    page.get_by_label("The supervising member of staff was with the child").check()
    page.get_by_role("button", name="Record the visit").click()
    portal.check("visit-saved")
    expect(page.get_by_text("VISIT-NOTES-RESTRICTED")).to_be_visible()
    assert SupervisedVisit.objects.get().supervised_by == cast.dsl
    portal.logout()

    portal.login(cast.parent_a)
    portal.goto(f"/children/{cast.child_a.pk}/")
    expect(page.get_by_role("heading", name="Where to find support")).to_be_visible()
    expect(page.get_by_role("link", name="Newtown Speech Service")).to_be_visible()
    html = page.content()
    for hidden in (
        "CONFIDENTIAL-ASSESSMENT-DETAIL",
        "Assessment summary",
        "VISIT-NOTES-RESTRICTED",
        "Agencies and information sharing",
        "STAFF-ONLY-REASON",
        "Referrals with the parents",
    ):
        assert hidden not in html
    portal.nav("The nursery", "Where to find support")
    portal.check("parent-directory")
    expect(page.get_by_role("link", name="Newtown Speech Service")).to_be_visible()
