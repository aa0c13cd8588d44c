"""Journeys of consents and medication: a parent withdraws photograph
consent and staff see it at once; a parent gives permission for a medicine,
staff record a dose, each home of the child acknowledges it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consents.models import ConsentEvent, DoseAcknowledgement, MedicationDose
from consents.services import consent_is_given
from tests.consents.factories import ConsentEventFactory, purpose

pytestmark = pytest.mark.browser

FLAGGED = ("photographs", "outings", "emergency_treatment", "medication")


def test_parent_withdraws_photographs_and_the_roster_shows_it_at_once(portal, cast):
    for code in ("photographs", "emergency_treatment", "medication"):
        ConsentEventFactory(
            child=cast.child_a, decided_by=cast.parent_a, consent_type=purpose(code)
        )
    page = portal.page
    portal.login(cast.parent_a)
    expect(page.get_by_text("Consents to answer or renew")).to_be_visible()

    page.locator('section[aria-labelledby="my-children-heading"]').get_by_role(
        "link", name="Ada Ashworth"
    ).click()
    portal.check("child")
    page.get_by_role("link", name="Give or withdraw consent").click()
    portal.check("consents")

    # First answer the outings consent, one purpose at a time.
    page.get_by_role("link", name="Answer: Outings").click()
    portal.check("decide")
    expect(page.get_by_text("short trips outside the nursery")).to_be_visible()
    page.get_by_label("Yes, I give my consent").check()
    page.get_by_role("button", name="Send my answer").click()
    portal.check("decide-error")
    expect(
        page.get_by_text("Please confirm that you have parental responsibility").first
    ).to_be_visible()
    assert not consent_is_given(child=cast.child_a, code="outings")
    page.get_by_label("Yes, I give my consent").check()
    page.get_by_label("I confirm that I have parental responsibility").check()
    page.get_by_role("button", name="Send my answer").click()
    portal.check("answered")
    expect(page.get_by_text("Your consent was recorded")).to_be_visible()
    assert consent_is_given(child=cast.child_a, code="outings")

    page.get_by_role(
        "button", name="Withdraw consent: Photographs for your child's records"
    ).click()
    portal.check("withdrawn")
    expect(page.get_by_text("is withdrawn from now")).to_be_visible()
    assert ConsentEvent.objects.filter(decision="withdrawn").count() == 1

    page.get_by_role("link", name="Full history of decisions").click()
    portal.check("history")
    expect(page.get_by_role("cell", name="Withdrawn")).to_be_visible()
    portal.logout()

    portal.login(cast.key_person)
    portal.goto("/children/")
    row = page.get_by_role("row").filter(has_text="Ada Ashworth")
    expect(row.get_by_text("No photographs")).to_be_visible()
    expect(row.get_by_text("No outings")).to_have_count(0)
    portal.goto("/consents/outings/")
    expect(page.get_by_role("heading", name="May go (1)")).to_be_visible()


def test_parent_gives_medicine_permission_staff_record_a_dose_parent_acknowledges(portal, cast):
    page = portal.page
    today = timezone.localdate()
    portal.login(cast.parent_a)
    page.get_by_role("link", name="Consents and medicine").first.click()
    portal.check("mine")
    page.get_by_role("link", name="Ada Ashworth's medicine").click()
    portal.check("medication")
    page.get_by_role("link", name="Give permission for a medicine").click()
    portal.check("permission-form")
    page.get_by_label("Name of the medicine").fill("Calpol")
    page.get_by_label("Dose", exact=False).first.fill("five")
    page.get_by_label("Unit").select_option("ml")
    page.get_by_label("When it may be given").fill("If temperature is above 38°C")
    page.get_by_label("At least this many hours between doses").fill("4")
    page.get_by_label("From").fill(today.isoformat())
    page.get_by_label("Until").fill((today + timedelta(days=3)).isoformat())
    page.get_by_label("How it must be stored").fill("Medicine cupboard")
    page.get_by_role("button", name="Give permission").click()
    portal.check("permission-errors")
    expect(page.get_by_text("Enter a number, for example 5 or 2.5.").first).to_be_visible()
    expect(page.get_by_text("Please tick the declaration").first).to_be_visible()
    page.get_by_label("Dose", exact=False).first.fill("5")
    page.get_by_label("I give permission for staff").check()
    page.get_by_role("button", name="Give permission").click()
    portal.check("permission-saved")
    expect(page.get_by_text("The permission for Calpol was saved")).to_be_visible()
    portal.logout()

    portal.login(cast.key_person)
    expect(page.get_by_text("Medicine due today for your key children")).to_be_visible()
    page.locator('section[aria-labelledby="key-children-heading"]').get_by_role(
        "link", name="Ada Ashworth"
    ).click()
    portal.check("child")
    page.get_by_role("link", name="Medicine and doses").click()
    portal.check("staff-medication")
    page.get_by_role("link", name="Record a dose of Calpol").click()
    portal.check("dose-form")
    page.get_by_label("Amount given").fill("10")
    page.get_by_label("Witnessed by").select_option(label=cast.practitioner.full_name)
    page.get_by_role("button", name="Record the dose").click()
    portal.check("dose-refused")
    expect(page.get_by_text("more than the permitted dose").first).to_be_visible()
    assert not MedicationDose.objects.exists()
    page.get_by_label("Amount given").fill("5")
    page.get_by_role("button", name="Record the dose").click()
    portal.check("dose-recorded")
    expect(page.get_by_text("The dose of Calpol was recorded")).to_be_visible()
    portal.logout()

    portal.login(cast.parent_a)
    expect(page.get_by_text("please let us know you have seen it")).to_be_visible()
    page.get_by_role("link", name="Calpol, 5 ml at").click()
    portal.check("parent-doses")
    page.get_by_role("button", name="I have seen this: Calpol").click()
    portal.check("acknowledged")
    expect(page.get_by_text("Thank you for acknowledging the dose")).to_be_visible()
    expect(page.get_by_text(f"Yes: {cast.parent_a.full_name}")).to_be_visible()
    ack = DoseAcknowledgement.objects.get()
    assert (ack.acknowledged_by, ack.household) == (cast.parent_a, 1)
    portal.logout()

    # The child's other home is still asked, and is not told that the first
    # home saw it: it acknowledges for itself.
    portal.login(cast.parent_a_home2)
    expect(page.get_by_text("please let us know you have seen it")).to_be_visible()
    page.get_by_role("link", name="Calpol, 5 ml at").click()
    portal.check("other-home-doses")
    expect(page.get_by_text("Yes:")).to_have_count(0)
    page.get_by_role("button", name="I have seen this: Calpol").click()
    portal.check("other-home-acknowledged")
    expect(page.get_by_text(f"Yes: {cast.parent_a_home2.full_name}")).to_be_visible()
    expect(page.get_by_text(f"Yes: {cast.parent_a.full_name}")).to_have_count(0)
    portal.logout()

    # Staff see each home's acknowledgement.
    portal.login(cast.key_person)
    expect(page.get_by_text("Doses the family has not acknowledged yet")).to_have_count(0)
    portal.goto(f"/consents/child/{cast.child_a.pk}/medication/")
    expect(page.get_by_text(f"Yes: {cast.parent_a.full_name}")).to_be_visible()
    expect(page.get_by_text(f"Yes: {cast.parent_a_home2.full_name}")).to_be_visible()
    assert sorted(DoseAcknowledgement.objects.values_list("household", flat=True)) == [1, 2]


def test_manager_renews_purposes_and_records_a_paper_consent(portal, cast):
    ConsentEventFactory(
        child=cast.child_b,
        decided_by=cast.parent_b,
        consent_type=purpose("outings"),
        decided_on=timezone.localdate() - timedelta(days=350),
    )
    page = portal.page
    portal.login(cast.manager)
    # What needs attention names the consents to renew once, and leads to them.
    page.get_by_role("link", name="Consents expired or expiring within 30 days").click()
    portal.check("expiring")
    expect(page.get_by_role("cell", name="Ben Bennett")).to_be_visible()

    page.get_by_role("link", name="Consent purposes").click()
    portal.check("purposes")
    page.get_by_role("link", name="Add a purpose").click()
    portal.check("purpose-form")
    page.get_by_label("Code").fill("sun_cream")
    page.get_by_label("Purpose").fill("Sun cream")
    page.get_by_label("What it covers").fill("Staff put sun cream on your child on sunny days.")
    page.get_by_label("Renew every (months)").fill("12")
    page.get_by_role("button", name="Save").click()
    portal.check("purpose-added")
    expect(
        page.get_by_role("cell", name="Staff put sun cream on your child on sunny days.")
    ).to_be_visible()

    portal.goto(f"/consents/child/{cast.child_a.pk}/")
    page.get_by_role("link", name="Record a decision: Sun cream").click()
    portal.check("record-form")
    page.get_by_label("Who decided").select_option(label=cast.parent_a.full_name)
    page.get_by_label("Decision*", exact=True).select_option("given")
    page.get_by_label("How it was given").select_option("in_person")
    page.get_by_role("button", name="Record the decision").click()
    portal.check("recorded")
    expect(page.get_by_text("The decision was recorded")).to_be_visible()
    event = ConsentEvent.objects.get(consent_type__code="sun_cream")
    assert (event.method, event.recorded_by, event.decided_by) == (
        "in_person",
        cast.manager,
        cast.parent_a,
    )
