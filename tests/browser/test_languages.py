"""A Polish parent and an Urdu parent do the parent journeys in their own
language: choose it, see their child, give a consent, acknowledge a dose of
medicine and send a message. Every page says its language (`lang`), Urdu
pages are right to left (`dir="rtl"`, Bootstrap's RTL stylesheet), and the
pages' headings are not the English ones.

These journeys pass once the Polish and Urdu catalogues are translated
(locale/<lang>/LC_MESSAGES/django.po, compiled by scripts/setup.sh).
"""

import pytest
from playwright.sync_api import expect

from consents.models import ConsentEvent, DoseAcknowledgement
from families.models import ParentNotice
from nursery.models import User
from tests.consents.factories import (
    MedicationDoseFactory,
    MedicationPermissionFactory,
    purpose,
)
from tests.families.factories import ReviewFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}


def headings(page):
    return [text.strip() for text in page.locator("h1, h2, h3").all_inner_texts()]


def assert_in_language(page, language, *english):
    """The page is in `language`: it says so, its direction fits, and none
    of its headings is still the English one (`english`)."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ur" else "ltr")
    stylesheet = "bootstrap.rtl.min.css" if language == "ur" else "bootstrap.min.css"
    assert page.locator(f'link[rel="stylesheet"][href*="{stylesheet}"]').count() == 1
    shown = headings(page)
    assert shown, f"no heading on {page.url}"
    still_english = [text for text in english if text in shown]
    assert not still_english, f"{page.url} in {language} shows English: {still_english}"


def family_with_things_to_do(cast):
    ReviewFactory(child=cast.child_a, kind="two_year")
    permission = MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    dose = MedicationDoseFactory(
        permission=permission, given_by=cast.key_person, witnessed_by=cast.practitioner
    )
    return dose


def parent_journeys(portal, cast, language):
    """The parent journeys, once the language is chosen, by addresses and
    form fields rather than English words."""
    page = portal.page
    child = cast.child_a
    dose = family_with_things_to_do(cast)

    portal.goto("/")
    assert_in_language(page, language, "Waiting for you", "Consents and medicine", "Your children")

    portal.goto("/children/yours/")
    assert_in_language(page, language, "My children")
    portal.goto(child.get_absolute_url())
    assert_in_language(page, language, "Key person", "Practical details")

    outings = purpose("outings")
    portal.goto(f"/consents/child/{child.pk}/purpose/{outings.pk}/")
    assert_in_language(page, language)
    expect(page.get_by_role("button", name="Send my answer", exact=True)).to_have_count(0)
    page.locator('input[name="decision"][value="given"]').check()
    page.locator('input[name="confirm"]').check()
    page.locator("main form button[type=submit]").click()
    portal.check("consent-given")
    assert ConsentEvent.objects.filter(
        child=child, consent_type=outings, decision="given", decided_by=cast.parent_a
    ).exists()
    # The purposes themselves, the portal's own words, are in the language too.
    assert_in_language(
        page, language, "Consents and medicine", "Giving medicine", "Emergency medical treatment"
    )

    portal.goto(f"/consents/child/{child.pk}/medication/")
    assert_in_language(page, language, "Ada Ashworth's medicine", "Doses given")
    page.locator(f'form[action$="/{dose.pk}/acknowledge/"] button[type=submit]').click()
    portal.check("dose-acknowledged")
    assert DoseAcknowledgement.objects.filter(
        dose=dose, household=1, acknowledged_by=cast.parent_a
    ).exists()

    portal.goto(f"/children/{child.pk}/messages/new/")
    assert_in_language(page, language, "Tell the nursery")
    page.locator('input[name="kind"][value="change"]').check()
    page.locator('textarea[name="message"]').fill("Ada has a new baby brother.")
    page.locator("main form button[type=submit]").click()
    portal.check("message-sent")
    assert ParentNotice.objects.filter(child=child, sent_by=cast.parent_a).exists()
    assert_in_language(page, language, "Messages about Ada Ashworth")

    portal.goto("/children/yours/messages/")
    assert_in_language(page, language, "Messages", "Messages you sent")
    expect(page.get_by_text("Ada has a new baby brother.")).to_be_visible()


def test_a_polish_parent_chooses_polish_in_the_footer_and_does_every_journey(portal, cast):
    page = portal.page
    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page.locator("#footer-language").select_option("pl")
    page.locator("footer form button[type=submit]").click()
    portal.check("polish")
    assert User.objects.get(pk=cast.parent_a.pk).language == "pl"
    assert_in_language(page, "pl", "Waiting for you")
    parent_journeys(portal, cast, "pl")


def test_an_urdu_parent_chooses_urdu_in_their_account_and_does_every_journey(portal, cast):
    page = portal.page
    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto("/accounts/settings/")
    page.locator("main select[name=language]").select_option("ur")
    page.locator("main form button[type=submit]").click()
    portal.check("urdu")
    assert User.objects.get(pk=cast.parent_a.pk).language == "ur"
    assert_in_language(page, "ur", "Your account", "Language")
    # The navigation mirrors: the brand on the right, the menu button on the left.
    brand = page.locator(".navbar-brand").bounding_box()
    toggler = page.locator(".navbar-toggler").bounding_box()
    assert toggler["x"] < brand["x"]
    parent_journeys(portal, cast, "ur")
