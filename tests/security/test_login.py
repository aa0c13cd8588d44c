"""Logging in, out, lockouts and session limits."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from nursery.middleware import LOGIN_AT, SEEN_AT
from nursery.models import AuditEvent
from tests.factories import TEST_PASSWORD
from tests.utils import run_tasks

pytestmark = pytest.mark.django_db

GENERIC_ERROR = "do not match an active account"


def login(client, email, password):
    return client.post(reverse("login"), {"login": email, "password": password})


def test_login_by_email_lands_on_home(client, cast):
    response = login(client, cast.parent_a.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert AuditEvent.objects.filter(
        actor=cast.parent_a, action="accounts.login.succeeded"
    ).exists()


def test_login_email_is_case_insensitive(client, cast):
    response = login(client, cast.parent_a.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302


def test_unknown_email_and_wrong_password_get_the_same_message(client, cast):
    unknown = login(client, "nobody@example.org", TEST_PASSWORD)
    wrong = login(client, cast.parent_a.email, "not-the-password")
    assert unknown.status_code == wrong.status_code == 200
    assert GENERIC_ERROR in unknown.content.decode()
    assert GENERIC_ERROR in wrong.content.decode()
    assert AuditEvent.objects.filter(action="accounts.login.failed").count() == 2


def test_inactive_account_cannot_log_in_and_is_not_revealed(client, cast):
    cast.parent_b.is_active = False
    cast.parent_b.save()
    response = login(client, cast.parent_b.email, TEST_PASSWORD)
    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()


def test_five_failures_lock_out_that_email_from_that_address(client, cast):
    for _ in range(5):
        login(client, cast.parent_a.email, "wrong-password")
    response = login(client, cast.parent_a.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert AuditEvent.objects.filter(action="accounts.login.locked_out").exists()


def test_lockout_does_not_stop_a_colleague_at_the_same_address(client, cast):
    for _ in range(5):
        login(client, cast.parent_a.email, "wrong-password")
    response = login(client, cast.parent_b.email, TEST_PASSWORD)
    assert response.status_code == 302


def test_lockout_message_is_the_same_for_accounts_that_do_not_exist(client, cast):
    for _ in range(5):
        login(client, "ghost@example.org", "wrong-password")
    response = login(client, "ghost@example.org", "wrong-password")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_logout_needs_a_post(client_for, cast):
    client = client_for(cast.parent_a)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_session_ends_after_thirty_idle_minutes(client_for, cast):
    client = client_for(cast.parent_a)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SEEN_AT] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_session_ends_twelve_hours_after_login_even_when_busy(client_for, cast):
    client = client_for(cast.parent_a)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 12 * 3600 - 60
    session.save()
    assert client.get(reverse("home")).status_code == 302


def test_session_cookie_lasts_at_most_twelve_hours(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_IDLE_TIMEOUT <= 30 * 60


def test_password_change_refuses_short_passwords(client_for, cast):
    client = client_for(cast.parent_a)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "short-pw1",
            "new_password2": "short-pw1",
        },
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.check_password(TEST_PASSWORD)


def test_password_reset_does_not_reveal_whether_an_account_exists(client, cast, mailoutbox):
    known = client.post(reverse("password_reset"), {"email": cast.parent_a.email})
    unknown = client.post(reverse("password_reset"), {"email": "ghost@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The page sends nothing itself, so it answers as fast for either address.
    assert mailoutbox == []
    run_tasks()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [cast.parent_a.email]


# Item 1: the lockout counts the account however its email is typed.
@pytest.mark.parametrize(
    "spelling",
    [
        lambda email: email.upper(),
        lambda email: email[0].upper() + email[1:],
        lambda email: "  " + email,
        lambda email: email + " ",
    ],
    ids=["upper", "capitalised", "leading-spaces", "trailing-space"],
)
def test_the_lockout_holds_for_every_spelling_of_the_email(spelling, client, cast):
    email = cast.parent_a.email
    for _ in range(5):
        login(client, email, "wrong-password")
    response = login(client, spelling(email), TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # And the lock is still there for the plain spelling.
    assert login(client, email, TEST_PASSWORD).status_code == 429


def test_failures_in_different_spellings_add_up_to_one_lockout(client, cast):
    email = cast.parent_a.email
    for spelling in (email, email.upper(), " " + email, email.title(), email.swapcase()):
        login(client, spelling, "wrong-password")
    assert login(client, email, TEST_PASSWORD).status_code == 429


def test_a_login_in_another_spelling_clears_the_accounts_failures(client, cast):
    email = cast.parent_a.email
    for _ in range(4):
        login(client, email, "wrong-password")
    assert login(client, " " + email.upper(), TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # Four more failures must not lock the account out by adding to the four
    # before.
    for _ in range(4):
        login(client, email, "wrong-password")
    assert login(client, email, TEST_PASSWORD).status_code == 302


# The login form hands django-axes the email already trimmed and lowered
# (allauth's EmailField does both), so the tests above would hold even if
# axes counted each spelling apart. These go through Django's authenticate(),
# as any other way in would (allauth's backend also takes the email as
# `username`, matched without case), to prove that axes itself counts one
# account however its email reaches it (nursery.auth.axes_username).
def authenticate_as(field, email, password):
    request = RequestFactory().post(reverse("login"), {"login": email, "password": password})
    return authenticate(request, **{field: email, "password": password})


@pytest.mark.parametrize("field", ["email", "username"])
def test_axes_counts_failures_in_every_spelling_against_one_account(field, cast):
    email = cast.parent_a.email
    for spelling in (email, email.upper(), " " + email, email.title(), email.swapcase()):
        assert authenticate_as(field, spelling, "wrong-password") is None
    for spelling in (email, email.upper(), email[0].upper() + email[1:]):
        assert authenticate_as(field, spelling, TEST_PASSWORD) is None
    assert AccessAttempt.objects.get().username == email


@pytest.mark.parametrize("field", ["email", "username"])
def test_axes_holds_a_lock_for_every_spelling_of_the_email(field, cast):
    email = cast.parent_a.email
    for _ in range(5):
        authenticate_as(field, email, "wrong-password")
    for spelling in (email.upper(), email[0].upper() + email[1:], email.swapcase()):
        assert authenticate_as(field, spelling, TEST_PASSWORD) is None


# Item 2: behind a proxy the client's address decides the lockout and the
# audit line, by the configured proxy count.
def login_from(client, email, password, *, forwarded_for, proxy="10.0.0.1"):
    return client.post(
        reverse("login"),
        {"login": email, "password": password},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_failures_from_one_client_do_not_lock_out_the_owner_elsewhere(
    client, cast, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        login_from(client, cast.parent_a.email, "wrong-password", forwarded_for="203.0.113.9")
    assert (
        login_from(client, cast.parent_a.email, TEST_PASSWORD, forwarded_for="203.0.113.9")
    ).status_code == 429
    owner = login_from(client, cast.parent_a.email, TEST_PASSWORD, forwarded_for="198.51.100.4")
    assert owner.status_code == 302


def test_behind_a_proxy_a_client_cannot_escape_its_lockout_by_writing_its_own_header(
    client, cast, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; what the client wrote stays on the left.
    for n in range(5):
        login_from(
            client, cast.parent_a.email, "wrong-password", forwarded_for=f"1.1.1.{n}, 203.0.113.9"
        )
    response = login_from(
        client, cast.parent_a.email, TEST_PASSWORD, forwarded_for="7.7.7.7, 203.0.113.9"
    )
    assert response.status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        login_from(client, cast.parent_a.email, "wrong-password", forwarded_for=f"1.1.1.{n}")
    response = login_from(client, cast.parent_a.email, TEST_PASSWORD, forwarded_for="9.9.9.9")
    assert response.status_code == 429


def test_the_audit_log_records_the_clients_address_by_the_same_rule(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    login_from(client, cast.parent_a.email, "wrong-password", forwarded_for="6.6.6.6, 203.0.113.9")
    login_from(client, cast.parent_a.email, TEST_PASSWORD, forwarded_for="198.51.100.4")
    failed = AuditEvent.objects.get(action="accounts.login.failed")
    succeeded = AuditEvent.objects.get(action="accounts.login.succeeded")
    assert failed.ip_address == "203.0.113.9"
    assert succeeded.ip_address == "198.51.100.4"


# Item 13 at the login: a very long or NUL-holding email is a wrong login,
# refused by the form before anything reaches the database (django-axes would
# write the email into its 255-character column: a 500 on PostgreSQL).
@pytest.mark.parametrize("email", ["a" * 290 + "@example.org", "olu\x00@demo.example"])
def test_an_overlong_or_nul_email_at_login_is_a_plain_refusal(email, client, cast):
    response = login(client, email, TEST_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not AccessAttempt.objects.exists()
