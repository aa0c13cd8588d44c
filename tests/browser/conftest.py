"""Browser tests: Playwright on the system Chromium against the live server.

`portal` drives one page: it logs in through the real form, keeps a
screenshot of each step under screenshots/, and runs axe-core
on every page it visits (serious or critical violations fail the test).
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from playwright.sync_api import Error as PlaywrightError

from tests.factories import TEST_PASSWORD, totp_code

# Kept outside pytest-playwright's test-results/, which it empties at every start.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
BLOCKING = {"serious", "critical"}
# What Chromium answers when the page is replaced under a screenshot or a
# script: a click on a link returns before the next page has come.
PAGE_REPLACED = ("Unable to capture screenshot", "Execution context was destroyed")

_axe = Axe()


def accessibility_problems(page):
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


class Portal:
    def __init__(self, page, base_url, name):
        self.page = page
        self.base_url = base_url
        self.name = re.sub(r"[^A-Za-z0-9_-]+", "_", name)[:80]
        self.shots = 0
        self.checked = set()
        self.visited = []
        self.used_codes = set()
        page.on("framenavigated", self._remember)

    def _remember(self, frame):
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.check()

    def login(self, user, password=TEST_PASSWORD):
        """Log in through the real form; staff then type the code their
        authenticator app shows (computed from their secret)."""
        self.page.goto(self.base_url + "/accounts/login/")
        self.page.get_by_label("Email address").fill(user.email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Log in", exact=True).click()
        self.page.wait_for_load_state()
        if self.page.url.endswith("/accounts/2fa/authenticate/"):
            self.check("second-factor")
            self.page.get_by_label("Code").fill(self.fresh_code(user))
            self.page.get_by_role("button", name="Log in", exact=True).click()
            self.page.wait_for_load_state()
        self.check()

    def fresh_code(self, user):
        """A code the app shows now that this test has not used yet (each
        code works once; the period before or after is accepted too)."""
        for steps in (0, 1, -1):
            code = totp_code(user, steps=steps)
            if (user.pk, code) not in self.used_codes:
                self.used_codes.add((user.pk, code))
                return code
        raise AssertionError("every code of this period is used: log in less often")

    def open_menu(self):
        """On a narrow screen the menu is folded behind its button. The
        page's scripts must be running first: a click before them opens
        nothing."""
        self.page.wait_for_load_state()
        toggler = self.page.get_by_role("button", name="Show or hide the menu")
        if toggler.is_visible():
            if toggler.get_attribute("aria-expanded") != "true":
                toggler.click()
            # Opened, not opening: a menu still unfolding moves under the click.
            self.page.locator("#main-nav.show").wait_for()

    def open_dropdown(self, title):
        """Unfold the menu `title` of the navigation (on a narrow screen,
        after the menu's own button), and wait until its items show."""
        self.open_menu()
        menu = self.page.locator("#main-nav").get_by_role("button", name=title, exact=True)
        items = menu.locator("xpath=..").locator(".dropdown-menu")
        if menu.get_attribute("aria-expanded") != "true":
            menu.click()
        menu.locator("xpath=..").locator(".dropdown-menu.show").wait_for()
        return items

    def nav(self, menu, item):
        """Open the page `item` from the navigation's menu `menu`."""
        self.open_dropdown(menu).get_by_role("link", name=item, exact=True).click()
        self.page.wait_for_load_state()

    def logout(self):
        account = self.open_dropdown("Account")
        # Wait for the logout's own page, so that the next page is never
        # asked for while the old session still stands.
        with self.page.expect_navigation():
            account.get_by_role("button", name="Log out").click()
        self.page.wait_for_load_state()

    def check(self, label="step"):
        """Screenshot the page and fail on serious accessibility problems.

        A link clicked just before may still be bringing its page: when
        Chromium says the page went away under the screenshot or axe, wait
        for the page that replaced it and look again (twice at most)."""
        self.shots += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{self.shots:02d}-{label}.png"
        for attempt in range(3):
            self.page.wait_for_load_state()
            try:
                self.page.screenshot(path=path, full_page=True)
                problems = accessibility_problems(self.page)
                break
            except PlaywrightError as error:
                if attempt == 2 or not any(text in str(error) for text in PAGE_REPLACED):
                    raise
                self.page.wait_for_timeout(200)
        assert not problems, f"axe on {self.page.url}:\n" + "\n".join(problems)
        self.checked.add(self.page.url.split("#")[0])

    def sweep(self):
        """Visit again (GET) each page the test reached but did not check."""
        for url in dict.fromkeys(self.visited):
            url = url.split("#")[0]
            if url in self.checked or not url.startswith(self.base_url):
                continue
            self.page.goto(url)
            self.check("sweep")


@pytest.fixture
def portal(page, live_server, request):
    """A Portal on the live server; every page visited is checked by axe."""
    page.set_default_timeout(10_000)
    p = Portal(page, live_server.url, request.node.name)
    yield p
    if request.node.rep_call.passed if hasattr(request.node, "rep_call") else True:
        p.sweep()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


@pytest.fixture(autouse=True)
def _live_database(transactional_db):
    """The live server runs in another thread: its data must be committed.
    The cache (a database table that flushing leaves alone) starts empty
    too: rate limits and used codes belong to one test."""
    cache.clear()
