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


def log_out(portal):
    """On a tablet or a phone the menu is folded behind its button: the
    portal opens it, and waits until it has opened."""
    portal.logout()


def assert_fits(page):
    """Nothing is wider than the screen: neither the page nor any table in it."""
    too_wide = page.evaluate(
        """() => [document.documentElement, ...document.querySelectorAll('.table-responsive')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName)"""
    )
    assert not too_wide, f"wider than the screen on {page.url}: {too_wide}"


def test_a_day_in_the_room_from_a_new_allergy_to_the_collection(portal, cast):
    HealthAlertFactory(child=cast.child_b, changed_by=cast.practitioner)  # life-threatening
    CollectorFactory(child=cast.child_a, name="Grace Ashworth", added_by=cast.parent_a)
    MustNotCollectFactory(child=cast.child_a, name="Rory Ashworth", recorded_by=cast.dsl)
    page = portal.page

    # The mother adds a severe allergy from her phone.
    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page.locator('section[aria-labelledby="my-children-heading"]').get_by_role(
        "link", name="Ada Ashworth"
    ).click()
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
    remove = page.get_by_role("button", name="Remove Grace Ashworth").bounding_box()
    assert remove["x"] + remove["width"] <= PHONE["width"], "the button runs off the phone"
    assert_fits(page)
    log_out(portal)

    # A practitioner on the room's tablet.
    page.set_viewport_size(TABLET)
    portal.login(cast.practitioner)
    portal.nav("Today", "Room boards")
    portal.check("boards")
    page.get_by_role("link", name="Bright Stars").click()
    portal.check("board")
    expect(page.get_by_text("Life-threatening: Peanuts")).to_be_visible()
    expect(page.get_by_text("Must not collect: Rory Ashworth")).to_be_visible()
    assert_fits(page)
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
    page.get_by_label("Rory Ashworth (parent or carer): MUST NOT COLLECT").check()
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
    assert_fits(page)
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
    assert_fits(page)
    page.get_by_label("Your comment (optional)").fill("Thank you, she is fine.")
    page.get_by_role("button", name="I have read this record").click()
    portal.check("acknowledged")
    expect(page.get_by_text("Thank you for letting us know you have read it.")).to_be_visible()
    assert Accident.objects.get().acknowledgements.get().acknowledged_by == cast.parent_a
    portal.goto("/")
    expect(page.get_by_role("heading", name="Accidents to read")).to_have_count(0)


def test_staff_record_restrictions_and_errors_the_manager_and_dsl_follow_up(portal, cast):
    from datetime import timedelta

    from django.utils import timezone

    from agencies.models import SupervisedVisit
    from consents.models import MedicationIncident
    from families.models import ParentLink
    from safety.models import CollectionNotice, MustNotCollect, NotificationClock, ParentContact
    from tests.agencies.factories import AgencyFactory
    from tests.consents.factories import MedicationPermissionFactory

    MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    agency = AgencyFactory(name="Newtown Speech and Language")
    page = portal.page
    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(f"/safety/child/{cast.child_a.pk}/")

    page.get_by_role("link", name="Record a person who must not collect").click()
    portal.check("restriction-form")
    page.locator("#id_name").fill("Rory Ashworth")
    page.get_by_label("A court order").check()
    page.get_by_label("How to recognise them").fill("Tall, short grey hair")
    page.get_by_label("Details (restricted)").fill("Prohibited steps order, copy in the office.")
    page.get_by_role("button", name="Save").click()
    portal.check("restricted")
    expect(page.get_by_text("Must not collect: Rory Ashworth").first).to_be_visible()
    assert MustNotCollect.objects.get().basis == "court_order"

    page.get_by_role("link", name="Set a collection password").click()
    portal.check("password-form")
    page.get_by_label("New collection password").fill("sunflower")
    page.get_by_role("button", name="Save").click()
    portal.check("password-set")
    expect(page.get_by_text("A collection password is set")).to_be_visible()

    page.get_by_role("link", name="Someone else is collecting").click()
    portal.check("notice-form")
    page.locator("#id_name").fill("Sam Friend")
    page.get_by_label("Relationship to the child").fill("Family friend")
    page.get_by_label("Their phone").fill("07700 900777")
    page.get_by_role("button", name="Save").click()
    portal.check("notice-saved")
    assert CollectionNotice.objects.get().name == "Sam Friend"

    page.get_by_role("link", name="Record an accident or incident").click()
    page.get_by_label("Where*", exact=True).fill("Outdoor steps")
    page.get_by_label("What happened*", exact=True).fill("Fell down three steps; her arm swelled.")
    page.get_by_label("Injury*", exact=True).select_option("fracture")
    page.get_by_label("Part of the body*", exact=True).select_option("arm")
    page.get_by_label("Serious injury").check()
    page.get_by_label("Taken to hospital or treated by a doctor").check()
    page.get_by_label("RIDDOR applies").check()
    page.get_by_label("Medical emergency").check()
    page.get_by_role("button", name="Save the record").click()
    portal.check("serious-saved")
    expect(page.get_by_text("Ofsted: due by")).to_be_visible()
    page.get_by_role("link", name="Note a contact with the parents").click()
    portal.check("contact-form")
    # One of the child's parents: the name comes from their link.
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    page.get_by_label("Which parent or carer").select_option(str(link.pk))
    page.get_by_label("How*", exact=True).fill("Phone call")
    page.get_by_label("What they were told").fill("An ambulance is on its way; Kim goes with her.")
    page.get_by_role("button", name="Save").click()
    portal.check("contact-saved")
    expect(page.get_by_text("An ambulance is on its way")).to_be_visible()
    # Beside the line, for staff: who else reads it.
    expect(page.get_by_text("Read by household 1 only.")).to_be_visible()
    contact = ParentContact.objects.get()
    assert (contact.adult, contact.contacted) == (cast.parent_a, "Alex Ashworth")

    portal.goto(f"/safety/child/{cast.child_a.pk}/")
    page.get_by_role("link", name="Record an injury seen at arrival").click()
    portal.check("existing-form")
    page.get_by_label("Where*", exact=True).fill("At arrival")
    page.get_by_label("What happened*", exact=True).fill("Bruise on the forearm, seen at the door.")
    page.get_by_label("Injury*", exact=True).select_option("bruise")
    page.get_by_label("Part of the body*", exact=True).select_option("arm")
    page.get_by_label("The parent's explanation").fill("Fell off her scooter on Sunday.")
    page.get_by_role("button", name="Save the record").click()
    portal.check("existing-saved")

    # A dose outside the permission: refused as a dose, kept as an incident.
    portal.goto(f"/consents/child/{cast.child_a.pk}/medication/dose/")
    page.get_by_label("Medicine (as written on the label)").fill("Calpol")
    page.get_by_label("Amount given").fill("7.5")
    page.get_by_label("Witnessed by").select_option(label=cast.practitioner.full_name)
    page.get_by_role("button", name="Record the dose").click()
    portal.check("dose-refused")
    page.get_by_role("link", name="Record a medication incident").click()
    portal.check("incident-form")
    page.get_by_label("What was done").fill("NHS 111 called; watched closely.")
    # When the family was told is written by staff, never filled in for them.
    page.get_by_label("When the family was told, or you tried").fill(
        timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Who was told, and how").fill("Alex, by phone")
    page.get_by_role("button", name="Record the incident").click()
    portal.check("incident-saved")
    expect(page.get_by_role("heading", name="Medication incidents")).to_be_visible()
    assert MedicationIncident.objects.get().medicine == "Calpol"

    # A visit whose supervision lapsed is kept, with the lapse.
    portal.goto(f"/agencies/children/{cast.child_a.pk}/visits/new/")
    page.get_by_label("Agency").select_option(label=agency.name)
    page.get_by_label("Visitor's name").fill("Val Visitor")
    page.get_by_label("Visitor's role").fill("Speech and language therapist")
    page.get_by_label("Identity checked").check()
    page.get_by_label("How identity was checked").fill("NHS badge seen")
    page.get_by_label("Purpose of the visit").fill("Observe at play")
    now = timezone.localtime()
    page.get_by_label("Arrived").fill((now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Left", exact=False).first.fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("What happened while the visitor was not supervised").fill(
        "I left the room for three minutes to answer the door."
    )
    page.get_by_role("button", name="Record the visit").click()
    portal.check("visit-lapsed")
    expect(page.get_by_text("with the lapse in supervision as an incident")).to_be_visible()
    assert SupervisedVisit.objects.get().supervision_lapsed
    portal.goto("/safety/accidents/")
    portal.goto(f"/safety/register/print/?room={cast.child_a.room_id}")
    log_out(portal)

    # The manager: the clocks on the dashboard, the reviews.
    portal.login(cast.manager)
    expect(page.get_by_text("Waiting for your review:")).to_be_visible()
    expect(page.get_by_text("2 accidents and incidents")).to_be_visible()
    expect(page.get_by_text("1 lapse in supervising a visitor")).to_be_visible()
    portal.goto("/dashboard/")
    expect(page.get_by_text("Notifications due after serious accidents")).to_be_visible()
    portal.nav("Follow-up", "Incident reviews")
    portal.check("reviews")
    page.get_by_label("Reference or note").first.fill("Ofsted case 4471")
    page.get_by_role("button", name="Mark as told: Ofsted").click()
    portal.check("ofsted-told")
    assert NotificationClock.objects.get(body="ofsted").done_at is not None
    for link in ("Calpol", "Val Visitor"):
        page.get_by_role("link", name=link, exact=False).first.click()
        portal.check("review-form")
        page.get_by_label("Your review").fill("Talked it through with the team.")
        page.get_by_role("button", name="Record my review").click()
        portal.check("reviewed")
        expect(page.get_by_text("Your review was recorded.")).to_be_visible()
    log_out(portal)

    # The DSL sees the injury seen at arrival and marks it seen.
    portal.login(cast.dsl)
    expect(page.get_by_text("Injuries seen at arrival")).to_be_visible()
    page.get_by_role("button", name="Mark seen: Ada Ashworth").click()
    portal.check("dsl-seen")
    expect(page.get_by_text("Marked as seen.")).to_be_visible()


def test_an_allergy_written_on_the_details_form_is_on_the_register_on_the_tablet(portal, cast):
    """Not yet made an alert, the family's "peanuts" still reaches the
    practitioner taking the register on the room's 768 px tablet, beside the
    child's name, and the row fits the screen."""
    cast.child_a.details.allergies = "Peanuts: keep away from the snack table"
    cast.child_a.details.save()
    page = portal.page
    page.set_viewport_size({"width": 768, "height": 1024})
    portal.login(cast.practitioner)
    portal.nav("Today", "Register")
    row = page.get_by_role("row").filter(has_text=cast.child_a.display_name)
    expect(
        row.get_by_text("Allergies on the details form: Peanuts: keep away from the snack table")
    ).to_be_visible()
    portal.check("register")
    assert_fits(page)


def test_the_key_person_marks_what_the_family_wrote_dealt_with_on_the_tablet(portal, cast):
    """The family wrote two allergies and staff made an alert of one: the
    text stays beside the alerts until the key person, having made the
    other one an alert too, marks it dealt with; then the register no
    longer repeats it."""
    from tests.safety.factories import HealthAlertFactory

    cast.child_a.details.allergies = "Peanuts and eggs"
    cast.child_a.details.save()
    HealthAlertFactory(child=cast.child_a, what="Peanuts", severity="mild", medicine_kept="")
    HealthAlertFactory(child=cast.child_a, what="Eggs", severity="mild", medicine_kept="")
    page = portal.page
    page.set_viewport_size({"width": 768, "height": 1024})
    portal.login(cast.key_person)
    portal.goto(f"/safety/child/{cast.child_a.pk}/")
    box = page.locator(".alert-secondary")
    expect(box).to_contain_text("From the family's details form, not yet dealt with")
    expect(box).to_contain_text("Peanuts and eggs")
    portal.check("written-health")
    assert_fits(page)
    page.get_by_role("button", name="Mark as dealt with: Allergies").click()
    expect(page.get_by_text("Marked as dealt with.")).to_be_visible()
    expect(page.get_by_text("Peanuts and eggs")).to_have_count(0)
    portal.check("written-health-dealt-with")
    portal.nav("Today", "Register")
    row = page.get_by_role("row").filter(has_text=cast.child_a.display_name)
    expect(row.get_by_text("Allergies on the details form")).to_have_count(0)
