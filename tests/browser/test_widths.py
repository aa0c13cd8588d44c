"""Every page each member of the cast can open fits their screen: 320 px
(a small phone) for parents, 768 px (a tablet) for staff. Nothing is wider
than the screen, no box inside the page scrolls sideways, and every button,
link and field that shows lies within the screen.

The pages are the access matrix's rows that answer GET with 200 for that
person, with the records their rows make; making every row's records first
fills the lists the crawl then opens.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import force_completed_login
from tests.test_access_matrix import ROWS

pytestmark = pytest.mark.browser

PARENT_WIDTH = 320
STAFF_WIDTH = 768
WIDTHS = {
    "parent_a": PARENT_WIDTH,
    "parent_b": PARENT_WIDTH,
    "parent_restricted": PARENT_WIDTH,
    "practitioner": STAFF_WIDTH,
    "key_person": STAFF_WIDTH,
    "dsl": STAFF_WIDTH,
    "manager": STAFF_WIDTH,
}

# What is wider than the screen, what scrolls sideways, and which control
# showing on the page lies outside the screen.
MEASURE = """
() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (el.classList.length) text += '.' + Array.from(el.classList).join('.');
    const words = (el.innerText || el.value || '').trim().slice(0, 40);
    return words ? `${text} "${words}"` : text;
  };
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    // Name the innermost element that sticks out, to say what to fix.
    const out = Array.from(document.body.querySelectorAll('*')).filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && (box.right > width + 1 || box.left < -1);
    });
    const inner = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
    const what = inner.slice(0, 2).map(name).join(', ');
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide (${what})`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
  }
  for (const el of document.body.querySelectorAll('a, button, input, select, textarea')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || el.closest('.visually-hidden-focusable')) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (box.right > width + 1 || box.left < -1) {
      const span = `${Math.round(box.left)} to ${Math.round(box.right)}px`;
      problems.push(`${name(el)} lies outside the screen (${span})`);
    }
  }
  return problems;
}
"""


def pages_for(cast, member):
    """(url name, path) of every page the matrix lets `member` open."""
    pages = []
    for row in ROWS:
        if row.get[member] != 200:
            continue
        pages.append((row.name, reverse(row.name, kwargs=row.kwargs(cast))))
    return pages


def session_cookie(user, live_server_url):
    client = Client()
    force_completed_login(client, user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server_url,
    }


@pytest.mark.parametrize(
    ("member", "language"),
    [(member, "") for member in WIDTHS] + [("parent_a", "ur")],
)
def test_every_page_fits_the_screen(member, language, cast, live_server, browser):
    """Each person's pages in their screen; a parent's in Urdu too (right to left)."""
    width = WIDTHS[member]
    if language:
        person = getattr(cast, member)
        person.language = language
        person.save(update_fields=["language"])
    pages = pages_for(cast, member)
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        context.add_cookies([session_cookie(getattr(cast, member), live_server.url)])
        page = context.new_page()
        page.set_default_timeout(15_000)
        too_wide = []
        opened = 0
        for name, path in pages:
            try:
                response = page.goto(live_server.url + path)
            except PlaywrightError as error:
                # A PDF or a CSV file is downloaded, not shown.
                if "Download is starting" in str(error):
                    continue
                raise
            if response.status != 200 or "text/html" not in response.headers["content-type"]:
                # A page some earlier row's records changed (an answered
                # request, say) may now send the person on elsewhere.
                continue
            opened += 1
            problems = page.evaluate(MEASURE)
            if problems:
                too_wide.append(f"{name} {path}: " + "; ".join(problems[:4]))
        assert opened >= len(pages) * 0.9, f"only {opened} of {len(pages)} pages opened"
        assert not too_wide, f"{len(too_wide)} pages do not fit {width} px:\n" + "\n".join(too_wide)
    finally:
        context.close()


def test_a_long_unbroken_text_stays_inside_the_screen(cast, live_server, browser):
    """A link or a reference pasted without spaces into a long text wraps
    inside a tablet's screen instead of widening the page."""
    from tests.agencies.factories import ThirdPartyInformationFactory
    from tests.transitions.factories import ActivityFactory, MoveFactory

    unbroken = "https://example.org/" + "x" * 400
    item = ThirdPartyInformationFactory(child=cast.child_a, content=unbroken)
    activity = ActivityFactory(description=unbroken)
    move = MoveFactory(child=cast.child_a, staff_notes=unbroken)
    paths = [
        reverse("agencies:third_party_detail", args=[item.pk]),
        reverse("transitions:school_detail", args=[activity.school.pk]),
        reverse("transitions:move_detail", args=[move.pk]),
    ]
    context = browser.new_context(viewport={"width": STAFF_WIDTH, "height": 800})
    try:
        context.add_cookies([session_cookie(cast.manager, live_server.url)])
        page = context.new_page()
        for path in paths:
            assert page.goto(live_server.url + path).status == 200, path
            assert page.evaluate(MEASURE) == [], path
    finally:
        context.close()
