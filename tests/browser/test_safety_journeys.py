"""Journeys of safety where staff stand, on a 1024x768 tablet for staff and
a 390 px phone for parents: a parent adds a severe allergy; a practitioner
signs a child in on the room board, sees the new allergy and confirms it,
records an accident, is stopped signing the child out to a person who must
not collect and signs her out to an authorised collector; the parent
acknowledges the accident."""

import pytest
from playwright.sync_api import expect

from safety.models import Accident, Attendance, HealthAlert, RefusedCollection
from tests.safety.factories import CollectorFactory, HealthAlertFactory, MustNotCollectFactory

pytestmark = pytest.mark.browser

TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


def open_menu(page):
    """On a phone the menu is folded away behind its button."""
    toggler = page.get_by_role("button", name="Show or hide the menu")
    if toggler.is_visible():
        toggler.click()


def log_out(portal):
    open_menu(portal.page)
    portal.logout()


def test_a_day_in_the_room_from_a_new_allergy_to_the_collection(portal, cast):
    HealthAlertFactory(child=cast.child_b, changed_by=cast.practitioner)  # life-threatening
    CollectorFactory(child=cast.child_a, name="Grace Ashworth", added_by=cast.parent_a)
    MustNotCollectFactory(child=cast.child_a, name="Rory Ashworth", recorded_by=cast.dsl)
    page = portal.page

    # The mother adds a severe allergy from her phone.
    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page.get_by_role("link", name="Ada Ashworth").first.click()
    portal.check("child")
    page.get_by_role("link", name="Alerts, collectors, register and accidents").click()
    portal.check("safety")
    page.get_by_role("link", name="Add an allergy, a condition or a dietary need").click()
    portal.check("alert-form")
    page.get_by_role("button", name="Save").click()
    portal.check("alert-errors")
    expect(page.get_by_text("Please correct the errors below. Nothing was saved.")).to_be_visible()
    page.get_by_label("Allergy", exact=True).check()
    page.locator("#id_what").fill("Sesame")
    page.get_by_label("How severe").select_option("severe")
    page.get_by_label("What staff must do").fill("Antihistamine from the office, call me.")
    page.get_by_role("button", name="Save").click()
    portal.check("alert-saved")
    expect(page.get_by_text("Staff will see it straight away")).to_be_visible()
    expect(page.get_by_text("New, not yet seen by staff")).to_be_visible()
    log_out(portal)

    # A practitioner on the room's tablet.
    page.set_viewport_size(TABLET)
    portal.login(cast.practitioner)
    page.get_by_role("link", name="Room boards").click()
    portal.check("boards")
    page.get_by_role("link", name="Bright Stars").click()
    portal.check("board")
    expect(page.get_by_text("Life-threatening: Peanuts")).to_be_visible()
    expect(page.get_by_text("Must not collect: Rory Ashworth")).to_be_visible()
    page.get_by_role("link", name="Sign in Ada Ashworth").click()
    portal.check("sign-in")
    page.get_by_label("Brought by").fill("Alex (mother)")
    page.get_by_role("button", name="Sign in").click()
    portal.check("signed-in")
    expect(page.get_by_text("Ada Ashworth is signed in.")).to_be_visible()
    expect(page.get_by_role("heading", name="In (1)")).to_be_visible()
    new_alert = page.locator(".alert-info").filter(has_text="Sesame")
    expect(new_alert).to_contain_text("New, not yet seen by staff")
    page.get_by_role("button", name="I have read this: Sesame for Ada Ashworth").click()
    portal.check("alert-confirmed")
    expect(page.get_by_text("You confirmed you have read Sesame")).to_be_visible()
    assert HealthAlert.objects.get(what="Sesame").seen_by == cast.practitioner

    page.get_by_role("link", name="Accident: Ada Ashworth").click()
    portal.check("accident-form")
    page.get_by_label("Accident", exact=True).check()
    page.get_by_label("Where*", exact=True).fill("Garden, by the slide")
    page.get_by_label("What happened*", exact=True).fill(
        "Slipped on the wet step and bumped her knee."
    )
    page.get_by_label("Injury*", exact=True).select_option("bump")
    page.get_by_label("Part of the body*", exact=True).select_option("leg")
    page.get_by_label("First aid given", exact=True).fill("Cold compress for ten minutes.")
    page.get_by_label("First aid given by", exact=True).select_option(
        label=cast.practitioner.full_name
    )
    page.get_by_label("Witness").fill("Kim Keyperson")
    page.get_by_role("button", name="Save the record").click()
    portal.check("accident-saved")
    expect(page.get_by_text("The family sees it on their home page today")).to_be_visible()
    expect(page.get_by_text("Not yet read by the family")).to_be_visible()

    portal.goto(f"/safety/rooms/{cast.child_a.room_id}/board/")
    page.get_by_role("link", name="Sign out Ada Ashworth").click()
    portal.check("sign-out")
    page.get_by_label("Rory Ashworth (parent or carer)").check()
    page.get_by_role("button", name="Sign out").click()
    portal.check("stopped")
    expect(page.get_by_role("heading", name="Do not hand the child over")).to_be_visible()
    expect(page.get_by_text("Stop: Rory Ashworth must not collect Ada Ashworth")).to_be_visible()
    assert RefusedCollection.objects.get().person == "Rory Ashworth"
    assert Attendance.objects.get().signed_out_at is None
    page.get_by_label("Grace Ashworth (may collect)").check()
    page.get_by_role("button", name="Sign out").click()
    portal.check("signed-out")
    expect(page.get_by_text("Ada Ashworth is signed out.")).to_be_visible()
    expect(page.get_by_role("heading", name="Gone home (1)")).to_be_visible()
    assert Attendance.objects.get().collected_by == "Grace Ashworth"
    portal.goto("/safety/register/")
    expect(page.get_by_role("cell", name="Grace Ashworth", exact=False)).to_be_visible()
    log_out(portal)

    # The DSL sees the stopped collection.
    portal.login(cast.dsl)
    expect(page.get_by_text("Rory Ashworth tried to collect Ada Ashworth")).to_be_visible()
    log_out(portal)

    # The mother reads the accident on her phone and acknowledges it.
    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    expect(page.get_by_role("heading", name="Accidents to read")).to_be_visible()
    page.get_by_role("link", name="Ada Ashworth: Accident").click()
    portal.check("accident-parent")
    expect(page.get_by_text("Slipped on the wet step")).to_be_visible()
    page.get_by_label("Your comment (optional)").fill("Thank you, she is fine.")
    page.get_by_role("button", name="I have read this record").click()
    portal.check("acknowledged")
    expect(page.get_by_text("Thank you for letting us know you have read it.")).to_be_visible()
    assert Accident.objects.get().acknowledgement.acknowledged_by == cast.parent_a
    portal.goto("/")
    expect(page.get_by_role("heading", name="Accidents to read")).to_have_count(0)
