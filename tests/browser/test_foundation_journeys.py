"""Journeys of the foundation: a parent keeps details up to date, a key
person finds the child, the manager assigns a key person, links a parent and
creates an account."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from families.models import KeyPersonAssignment, ParentLink, PracticalDetails
from nursery.models import User
from tests.utils import run_tasks

pytestmark = pytest.mark.browser


def test_parent_updates_details_and_key_person_sees_them(portal, cast):
    page = portal.page
    portal.login(cast.parent_a)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    expect(page.get_by_role("link", name="Ada Ashworth")).to_be_visible()
    expect(page.get_by_text("Ben Bennett")).to_have_count(0)

    page.get_by_role("link", name="Ada Ashworth").click()
    portal.check("child")
    expect(page.get_by_text("Kim Keyperson is Ada Ashworth's key person.")).to_be_visible()

    page.get_by_role("link", name="Update details").click()
    portal.check("details-form")
    page.get_by_label("Allergies").fill("")
    page.get_by_label("Home phone").fill("not a phone")
    page.get_by_role("button", name="Save details").click()
    portal.check("details-errors")
    expect(page.get_by_text("Nothing was saved").first).to_be_visible()
    assert PracticalDetails.objects.get(child=cast.child_a).allergies == "none known"

    page.get_by_label("Allergies").fill("Peanuts: carries an auto-injector")
    page.get_by_label("Home phone").fill("01632 960777")
    page.get_by_role("button", name="Save details").click()
    portal.check("details-saved")
    expect(page.get_by_text("The details were saved")).to_be_visible()
    expect(page.get_by_text("Peanuts: carries an auto-injector")).to_be_visible()

    page.get_by_role("link", name="History of changes").click()
    portal.check("history")
    expect(page.get_by_text("none known")).to_be_visible()
    portal.logout()

    portal.login(cast.key_person)
    portal.nav("Children", "Children")
    portal.check("roster")
    first_row = page.locator("tbody tr").first
    expect(first_row).to_contain_text("Ada Ashworth")
    expect(first_row).to_contain_text("Your key child")
    page.get_by_label("Search by name").fill("Bennett")
    page.get_by_role("button", name="Show").click()
    portal.check("roster-search")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Ben Bennett")
    portal.goto(f"/children/{cast.child_a.pk}/")
    # In the practical details, and, not yet an alert, marked beside her name.
    expect(page.get_by_text("Peanuts: carries an auto-injector", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Allergies on the details form: Peanuts: carries an auto-injector")
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"Last confirmed on .* by Alex Ashworth"))).to_be_visible()


def test_manager_assigns_key_person_links_parent_and_creates_account(portal, cast):
    page = portal.page
    portal.login(cast.manager)
    portal.goto(f"/children/{cast.child_a.pk}/")
    page.get_by_role("link", name="Assign or change key person").click()
    portal.check("key-person-form")
    page.get_by_label("Key person").select_option(label="Pat Practitioner")
    page.get_by_role("button", name="Save").click()
    portal.check("key-person-saved")
    expect(page.get_by_text("Pat Practitioner is Ada Ashworth's key person.")).to_be_visible()
    assert KeyPersonAssignment.objects.filter(child=cast.child_a).count() == 2
    run_tasks()
    assert any(cast.parent_a.email in m.to for m in mail.outbox)
    # The restricted parent is told nothing.
    assert not any(cast.parent_restricted.email in m.to for m in mail.outbox)

    page.get_by_role("link", name="Link a parent or carer").click()
    portal.check("link-form")
    page.get_by_label("New parent/carer's full name").fill("Gwen Ashworth")
    page.get_by_label("New parent/carer's email").fill("gwen@example.org")
    page.get_by_label("Relationship to the child").select_option(label="Grandparent")
    page.get_by_role("button", name="Save").click()
    portal.check("linked")
    gwen = User.objects.get(email="gwen@example.org")
    assert ParentLink.objects.filter(parent=gwen, child=cast.child_a).exists()
    run_tasks()
    invitation = next(m for m in mail.outbox if "gwen@example.org" in m.to)
    assert "/accounts/invitation/" in invitation.body

    portal.nav("The setting", "People")
    portal.check("people")
    page.get_by_role("link", name="Create an account").click()
    portal.check("account-form")
    page.get_by_label("Full name").fill("Sam Newstaff")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Role").select_option(label="Practitioner")
    page.get_by_role("button", name="Create and invite").click()
    portal.check("account-created")
    expect(page.get_by_text("invitation sent to sam@example.org")).to_be_visible()
    portal.logout()

    # The parent sees the new key person.
    portal.login(cast.parent_a)
    expect(page.get_by_text("Key person: Pat Practitioner")).to_be_visible()


def test_invited_person_sets_password_and_logs_in(portal, cast):
    from nursery.services import invitation_url

    person = User.objects.create_user(email="new@example.org", full_name="New Parent")
    person.set_role("parent")
    page = portal.page
    portal.goto(invitation_url(user=person))
    page.locator("#id_new_password1").fill("a long enough passphrase")
    page.locator("#id_new_password2").fill("a long enough passphrase")
    page.get_by_role("button", name="Set password").click()
    portal.check("invitation-done")
    expect(page.get_by_role("heading", name="Your account is ready")).to_be_visible()
    portal.login(person, password="a long enough passphrase")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
