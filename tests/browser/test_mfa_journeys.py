"""Journeys of the second factor, at the staff tablet's size (768 px): a
practitioner's first login sets up an authenticator app; a key person adds
a passkey through Chromium's virtual authenticator (the real WebAuthn
ceremony, served on http://localhost) and signs in with it."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from nursery.models import AuditEvent
from tests.factories import PractitionerFactory, recovery_codes

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def tablet(portal):
    portal.page.set_viewport_size(TABLET)
    # WebAuthn needs a secure context: http://localhost is one, 127.0.0.1 is not.
    portal.base_url = portal.base_url.replace("127.0.0.1", "localhost")
    return portal


def test_practitioner_sets_up_an_authenticator_app_at_first_login(tablet, cast):
    page = tablet.page
    newcomer = PractitionerFactory(
        email="new.starter@example.org", full_name="Nia Starter", second_factor=False
    )
    tablet.login(newcomer)
    # No staff page opens before the second factor is set up.
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    tablet.goto("/children/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.get_by_role("img", name="Square code to scan")).to_be_visible()

    secret = page.locator("[data-totp-secret]").inner_text().strip()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    tablet.check("wrong-code")
    expect(page.get_by_text("That code is not right")).to_be_visible()

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    tablet.check("recovery-codes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = recovery_codes(newcomer)
    assert len(codes) == 10
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    expect(page.get_by_role("button", name="Print the codes")).to_be_visible()
    page.get_by_role("link", name="I have kept them: continue").click()
    tablet.check("home")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert AuditEvent.objects.filter(actor=newcomer, action="accounts.second_factor.added").exists()

    # From now on the login asks for a code after the password.
    tablet.logout()
    tablet.used_codes.add((newcomer.pk, code))
    tablet.login(newcomer)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert AuditEvent.objects.filter(actor=newcomer, action="accounts.second_factor.used").exists()


def add_virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_key_person_adds_a_passkey_and_signs_in_with_it(tablet, cast):
    page = tablet.page
    add_virtual_authenticator(page)
    tablet.login(cast.key_person)
    tablet.nav("Account", "Signing in safely")
    tablet.check("security")
    page.get_by_role("link", name="Add a passkey or security key").click()
    tablet.check("add-key")
    page.get_by_label("Name").fill("Room tablet")
    page.get_by_label("Also use it to log in without a password").check()
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/accounts/2fa/")
    tablet.check("key-added")
    expect(page.get_by_text("Your passkey or security key was added.")).to_be_visible()
    page.get_by_role("link", name="See and remove your keys").click()
    tablet.check("keys")
    expect(page.get_by_role("cell", name="Room tablet", exact=True)).to_be_visible()
    expect(page.get_by_text("Passkey (logs in without a password)")).to_be_visible()
    key = Authenticator.objects.get(user=cast.key_person, type="webauthn")
    assert key.wrap().is_passwordless

    # Signing in with the passkey alone: one tap, no password.
    tablet.logout()
    tablet.goto("/accounts/login/")
    page.get_by_role("button", name="Log in with a passkey").click()
    page.wait_for_url(tablet.base_url + "/")
    tablet.check("passkey-home")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert AuditEvent.objects.filter(
        actor=cast.key_person,
        action="accounts.second_factor.used",
        data__passwordless=True,
    ).exists()

    # Or as the second factor after the password.
    tablet.logout()
    tablet.goto("/accounts/login/")
    page.get_by_label("Email address").fill(cast.key_person.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    tablet.check("second-factor")
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(tablet.base_url + "/")
    tablet.check("key-home")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")

    # Several keys may be kept; one is removed.
    tablet.goto("/accounts/2fa/webauthn/")
    page.get_by_role("link", name="Remove Room tablet").click()
    tablet.check("remove-key")
    page.get_by_role("button", name="Remove the key").click()
    tablet.check("key-removed")
    expect(page.get_by_text("You have no passkeys or security keys yet.")).to_be_visible()
    assert not Authenticator.objects.filter(user=cast.key_person, type="webauthn").exists()
    assert AuditEvent.objects.filter(
        actor=cast.key_person, action="accounts.second_factor.removed"
    ).exists()
