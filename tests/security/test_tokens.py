"""Item 5: reset and invitation links are different tokens with their own
lifetimes (an hour, a week), and each works once."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nursery.models import User
from nursery.tokens import invitation_tokens, password_reset_tokens
from tests.utils import run_tasks

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase-77"


@pytest.fixture
def newcomer(db):
    return User.objects.create_user(email="newcomer@example.org", full_name="Nia Newcomer")


def uid(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


def opens(client, name, user, token):
    """Whether the link's page accepts the token (Django redirects a valid
    token to the page that asks for the password)."""
    response = client.get(reverse(name, kwargs={"uidb64": uid(user), "token": token}))
    return response.status_code == 302


def at(monkeypatch, moment):
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: moment)


def test_an_invitation_link_does_not_open_the_password_reset_page(client, newcomer):
    token = invitation_tokens.make_token(newcomer)
    assert opens(client, "invitation", newcomer, token)
    assert not opens(client, "password_reset_confirm", newcomer, token)


def test_a_reset_link_does_not_open_the_invitation_page(client, cast):
    token = password_reset_tokens.make_token(cast.parent_a)
    assert opens(client, "password_reset_confirm", cast.parent_a, token)
    assert not opens(client, "invitation", cast.parent_a, token)


def test_a_reset_link_lasts_an_hour(client, cast, monkeypatch):
    now = datetime.now()
    at(monkeypatch, now)
    token = password_reset_tokens.make_token(cast.parent_a)
    at(monkeypatch, now + timedelta(minutes=59))
    assert password_reset_tokens.check_token(cast.parent_a, token)
    at(monkeypatch, now + timedelta(minutes=61))
    assert not password_reset_tokens.check_token(cast.parent_a, token)
    assert not opens(client, "password_reset_confirm", cast.parent_a, token)


def test_an_invitation_lasts_a_week(newcomer, monkeypatch):
    now = datetime.now()
    at(monkeypatch, now)
    token = invitation_tokens.make_token(newcomer)
    at(monkeypatch, now + timedelta(days=6, hours=23))
    assert invitation_tokens.check_token(newcomer, token)
    at(monkeypatch, now + timedelta(days=7, hours=1))
    assert not invitation_tokens.check_token(newcomer, token)


def choose_password(client, name, user, token):
    response = client.get(reverse(name, kwargs={"uidb64": uid(user), "token": token}))
    assert response.status_code == 302
    return client.post(
        response["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )


@pytest.mark.parametrize("name", ["invitation", "password_reset_confirm"])
def test_each_link_works_once(client, newcomer, name):
    tokens = invitation_tokens if name == "invitation" else password_reset_tokens
    if name == "password_reset_confirm":
        newcomer.set_password("a-first-long-passphrase-1")
        newcomer.save()
    token = tokens.make_token(newcomer)
    assert choose_password(client, name, newcomer, token).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)
    client.logout()
    assert not opens(client, name, newcomer, token)


def test_the_reset_email_carries_a_reset_token_and_the_invitation_an_invitation_token(
    client, cast, mailoutbox
):
    client.post(reverse("password_reset"), {"email": cast.parent_a.email})
    run_tasks()  # the page only queued the work
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/reset/" in line)
    token = link.rstrip("/").split("/")[-1]
    assert password_reset_tokens.check_token(cast.parent_a, token)
    assert not invitation_tokens.check_token(cast.parent_a, token)
