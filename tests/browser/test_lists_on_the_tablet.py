"""Staff lists on the room's tablet (768 px): the children's list's search
form reads label above field, and the checks at age two keep each heading
with its part of the list from page to page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from families.views.partnership import ChecksDueView
from nursery import audit
from nursery.dates import months_before
from tests.factories import ChildFactory, KeyPersonAssignmentFactory

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}

# Where a label and its field lie, and how many lines the label takes.
LAID_OUT = """
(label) => {
  const field = document.getElementById(label.htmlFor);
  const l = label.getBoundingClientRect(), f = field.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(label).lineHeight);
  return {above: l.bottom <= f.top + 1, beside: Math.abs(l.top - f.top) < line,
          lines: Math.round(l.height / line)};
}
"""


def test_the_childrens_list_search_reads_label_above_field_on_the_tablet(portal, cast):
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.practitioner)
    portal.nav("Children", "Children")
    form = portal.page.get_by_role("search", name="Find a child")
    for name in ("Search by name", "Room"):
        label = form.locator("label", has_text=name)
        assert label.evaluate(LAID_OUT)["above"], name
    leavers = form.locator("label", has_text="Include children who have left")
    assert leavers.evaluate(LAID_OUT)["lines"] == 1
    assert leavers.evaluate(LAID_OUT)["beside"]
    form.get_by_label("Room").select_option(label=cast.child_a.room.name)
    form.get_by_role("button", name="Show").click()
    expect(portal.page.get_by_role("link", name=cast.child_a.display_name)).to_be_visible()
    portal.check("filtered")


def test_the_checks_at_age_two_keep_their_headings_from_page_to_page(portal, cast, monkeypatch):
    """Two to a page here: the overdue checks first, the due one on the
    next page under its own heading."""
    monkeypatch.setattr(ChecksDueView, "paginate_by", 2)
    today = timezone.localdate()
    for name, months in (("Omar", 40), ("Olive", 38), ("Dora", 30)):
        child = ChildFactory(
            first_name=name,
            date_of_birth=months_before(today, months) - timedelta(days=3),
            started_on=months_before(today, 20),
        )
        KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.manager)
    portal.nav("Follow-up", "Checks at age two")
    page = portal.page
    expect(page.get_by_role("heading", name="Overdue")).to_be_visible()
    expect(page.get_by_role("link", name="Omar", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Due now")).to_have_count(0)
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of")).to_be_visible()
    portal.check("second-page")
    expect(page.get_by_role("link", name="Dora", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Due now")).to_be_visible()
    expect(page.get_by_text("No check is due.")).to_have_count(0)


def test_the_audit_log_fits_the_tablet(portal, cast):
    """Long entries (an address typed at a failed login, a record's long
    name) wrap inside their cells: the manager reads the whole row without
    scrolling sideways."""
    audit.log(
        "accounts.login.failed",
        actor=None,
        data={"username": "someone.with.a.very.long.address@nursery-partner.example.org"},
    )
    audit.log(
        "families.details.saved",
        actor=cast.parent_a,
        obj=cast.child_a.details,
        child=cast.child_a,
    )
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.manager)
    portal.goto(reverse("audit_log"))
    expect(portal.page.get_by_role("heading", name="Audit log")).to_be_visible()
    portal.check("audit-log")
    width = portal.page.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET["width"]


def test_the_people_list_names_roles_in_words_and_fits_the_tablet(portal, cast):
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.manager)
    portal.goto(reverse("accounts"))
    expect(portal.page.get_by_role("heading", name="People")).to_be_visible()
    row = portal.page.get_by_role("row").filter(has_text=cast.parent_a.email)
    expect(row).to_contain_text("Parent or carer")
    portal.check("people")
    width = portal.page.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET["width"]
