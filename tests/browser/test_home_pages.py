"""Home pages on the screens people use: a key person on the room's tablet
with checks due and overdue (their badges readable: colour contrast), a
parent on a phone with something to do first and news after."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from families.models import PracticalDetails
from nursery.dates import months_before
from tests.agencies.factories import AgencyFactory
from tests.factories import ChildFactory, KeyPersonAssignmentFactory
from tests.families.factories import (
    ActionFactory,
    CPTaskFactory,
    MeetingFactory,
    NoticeFactory,
    ReviewFactory,
)
from tests.safeguarding.factories import ConcernFactory
from tests.setting.factories import AnnouncementFactory
from tests.transitions.factories import HandoverFactory, SchoolFactory

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 320, "height": 720}


def born_months_ago(months):
    return months_before(timezone.localdate(), months) - timedelta(days=3)


def test_key_persons_home_on_the_tablet_shows_checks_due_and_overdue_legibly(portal, cast):
    for name, months in (("Dora", 30), ("Omar", 38)):
        child = ChildFactory(
            first_name=name,
            date_of_birth=born_months_ago(months),
            started_on=born_months_ago(20),
        )
        KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.key_person)  # axe runs here: colour contrast included
    page = portal.page
    for word in ("due", "overdue"):
        badge = page.locator(".badge", has_text=word).first
        expect(badge).to_be_visible()
        assert badge.evaluate(CONTRAST) >= 4.5, word
    # Every page of the menus is two taps away: the menu, then the page.
    menu = portal.open_dropdown("Follow-up")
    portal.check("follow-up-menu")
    expect(menu.get_by_role("link", name="Checks at age two")).to_be_visible()
    portal.nav("Follow-up", "Checks at age two")
    expect(page.get_by_role("link", name="Dora", exact=False).first).to_be_visible()


def test_managers_home_on_the_tablet_says_each_thing_due_once_and_leads_to_its_list(portal, cast):
    """What is due across the setting is a figure under "Needs your
    attention", once, with its number and a link to the list that names
    each one: no panel repeats it below."""
    today = timezone.localdate()
    AgencyFactory(name="Newtown Speech Service", next_review_due=today - timedelta(days=3))
    SchoolFactory(name="Oakwood Primary", next_review_due=today)
    PracticalDetails.objects.filter(child=cast.child_b).update(
        last_confirmed_at=timezone.now() - timedelta(days=400)
    )
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.manager)  # axe runs here
    page = portal.page
    attention = page.get_by_role("region", name="Needs your attention")
    figures = (
        "Partnership reviews due or overdue",
        "School partnership reviews due",
        "Children whose practical details are not confirmed",
    )
    for title in figures:
        expect(attention.get_by_role("link", name=title, exact=True)).to_have_count(1)
        expect(page.get_by_text(title, exact=True)).to_have_count(1)
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert not set(figures) & set(headings), headings
    expect(page.get_by_text("Newtown Speech Service")).to_have_count(0)
    # Meetings overdue are under the setting's follow-up, not said again above.
    expect(attention.get_by_text("without a key-person meeting")).to_have_count(0)
    expect(
        page.get_by_role("heading", name="Key-person meetings and checks across the setting")
    ).to_be_visible()
    attention.get_by_role("link", name="Partnership reviews due or overdue").click()
    portal.check("reviews-due")
    expect(page.get_by_role("heading", name="Partnership reviews due", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Newtown Speech Service", exact=True)).to_be_visible()


# The WCAG contrast ratio of an element's text on its own background.
CONTRAST = """
(el) => {
  const rgb = (c) => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const style = getComputedStyle(el);
  const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


def test_parents_home_on_a_phone_asks_first_then_gives_the_news(portal, cast):
    AnnouncementFactory(title="Sports day on Friday")
    ReviewFactory(child=cast.child_a, kind="two_year")
    portal.page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page = portal.page
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings[0] == "Waiting for you"
    assert headings[-1] == "Announcements"
    portal.open_menu()
    portal.check("menu-open")
    top = [t.strip() for t in page.locator("#main-nav > ul > li").all_inner_texts()]
    assert top == [
        "My children",
        "Messages",
        "Consents and medicine",
        "The nursery",
        "What's new",
        "Account",
    ]
    portal.open_dropdown("The nursery")
    portal.check("the-nursery-menu")
    portal.nav("The nursery", "Policies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Policies and information")


WIDTH = "() => document.documentElement.scrollWidth"


def test_dsls_home_on_the_tablet_counts_safeguarding_work_and_names_nobody(portal, cast):
    """The safeguarding to-do is figures: the concerns waiting for a
    decision, the child-protection-plan tasks due (and those overdue), the
    files awaiting the school's receipt (and the overdue receipts). Each
    leads to its list, which names them and logs the reading; the home
    names no child and no school."""
    ConcernFactory(child=cast.child_a, recorded_by=cast.key_person)
    CPTaskFactory(
        child=cast.child_a,
        recorded_by=cast.dsl,
        task="Attend the core group meeting",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    school = SchoolFactory(name="Oakwood Primary")
    HandoverFactory(
        child=cast.child_a,
        school=school,
        handed_by=cast.dsl,
        sent_on=timezone.localdate() - timedelta(days=20),
    )
    portal.page.set_viewport_size(TABLET)
    portal.login(cast.dsl)  # axe runs here
    page = portal.page
    to_do = page.get_by_role("region", name="Safeguarding: what needs doing now")
    expect(to_do.get_by_text("1 concern waiting for your decision")).to_be_visible()
    expect(to_do.get_by_text("1 not yet opened")).to_be_visible()
    expect(to_do.get_by_text("1 child-protection-plan task due or overdue")).to_be_visible()
    expect(to_do.get_by_text("1 task overdue")).to_be_visible()
    expect(to_do.get_by_text("1 child-protection file awaiting the school")).to_be_visible()
    expect(to_do.get_by_text("1 receipt overdue")).to_be_visible()
    expect(to_do.get_by_text(cast.child_a.display_name)).to_have_count(0)
    expect(page.get_by_text("Oakwood Primary")).to_have_count(0)
    expect(page.get_by_text("Attend the core group meeting")).to_have_count(0)
    assert page.evaluate(WIDTH) <= TABLET["width"]
    portal.check("dsl-home")
    to_do.get_by_role("link", name="Tasks due or overdue").click()
    page.wait_for_load_state()
    portal.check("cp-tasks-due")
    expect(page.get_by_text("Attend the core group meeting")).to_be_visible()
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert page.evaluate(WIDTH) <= TABLET["width"]
    page.go_back()
    to_do.get_by_role("link", name="Child-protection files handed to schools").click()
    page.wait_for_load_state()
    portal.check("cp-files")
    expect(page.get_by_text("Oakwood Primary").first).to_be_visible()


def test_parents_home_on_a_phone_lists_actions_and_answers_with_what_to_read(portal, cast):
    """What the family agreed to do and the nursery's answer to their
    message wait beside the records to read, each linking to its page."""
    meeting = MeetingFactory(child=cast.child_a)
    ActionFactory(meeting=meeting, description="Bring in a family photo for the wall")
    NoticeFactory(
        child=cast.child_a,
        sent_by=cast.parent_a,
        kind="other",
        starts_on=None,
        ends_on=None,
        replied_at=timezone.now(),
        replied_by=cast.key_person,
        reply="Thank you: we will look out for it.",
    )
    portal.page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page = portal.page
    waiting = page.get_by_role("region", name="Waiting for you")
    expect(waiting.get_by_text("New to read:")).to_have_count(1)
    agreed = "Agreed at a meeting: Bring in a family photo for the wall"
    expect(waiting.get_by_text(agreed)).to_be_visible()
    expect(waiting.get_by_text("answered your message about")).to_be_visible()
    assert page.evaluate(WIDTH) <= PHONE["width"]
    portal.check("waiting")
    waiting.get_by_role("link", name="answered your message", exact=False).click()
    page.wait_for_load_state()
    expect(page.get_by_text("Thank you: we will look out for it.")).to_be_visible()
