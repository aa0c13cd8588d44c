"""Staff sign in with a second factor: authenticator codes, recovery codes,
lockout, re-authentication, the manager's reset, the admin and the demo."""

import time
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import CommandError, call_command
from django.urls import reverse

from nursery.auth import demo_totp_secret
from nursery.models import AuditEvent, Role, User
from tests.factories import (
    TEST_PASSWORD,
    ManagerFactory,
    PractitionerFactory,
    recovery_codes,
    totp_code,
)

pytestmark = pytest.mark.django_db


def password_step(client, user, password=TEST_PASSWORD):
    return client.post(reverse("login"), {"login": user.email, "password": password})


def code_step(client, code):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def actions(user):
    return list(
        AuditEvent.objects.filter(actor=user).order_by("pk").values_list("action", flat=True)
    )


# Logging in.


def test_staff_password_alone_opens_no_staff_page(client, cast):
    response = password_step(client, cast.key_person)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    for url in (reverse("home"), f"/children/{cast.child_a.pk}/", "/admin/"):
        assert client.get(url).status_code == 302
        assert not client.get(url).wsgi_request.user.is_authenticated


def test_staff_log_in_with_the_code_from_their_app(client, cast):
    password_step(client, cast.key_person)
    page = client.get(reverse("mfa_authenticate"))
    assert "authenticator app" in page.content.decode()
    response = code_step(client, totp_code(cast.key_person))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(f"/children/{cast.child_a.pk}/").status_code == 200
    assert actions(cast.key_person)[-2:] == [
        "accounts.second_factor.used",
        "accounts.login.succeeded",
    ]


def test_a_wrong_code_is_refused_and_audited(client, cast):
    password_step(client, cast.dsl)
    response = code_step(client, "123456" if totp_code(cast.dsl) != "123456" else "654321")
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    assert "accounts.second_factor.failed" in actions(cast.dsl)


def test_each_code_opens_one_login_only(client, cast):
    code = totp_code(cast.practitioner)
    password_step(client, cast.practitioner)
    assert code_step(client, code).status_code == 302
    client.post(reverse("logout"))
    password_step(client, cast.practitioner)
    response = code_step(client, code)
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302


def test_parent_password_alone_opens_the_parents_pages(client, cast):
    response = password_step(client, cast.parent_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(f"/children/{cast.child_a.pk}/").status_code == 200


# Setting up the first second factor.


def test_staff_without_a_second_factor_set_one_up_before_anything_else(
    client, cast, django_capture_on_commit_callbacks
):
    newcomer = PractitionerFactory(second_factor=False, email="new.starter@example.org")
    response = password_step(client, newcomer)
    assert response["Location"] == reverse("home")
    for url in (reverse("home"), f"/children/{cast.child_a.pk}/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    html = page.content.decode()
    assert secret in html  # for those who type it
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, no script
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = recovery_codes(newcomer)
    assert len(codes) == 10
    assert all(c in codes_page for c in codes)
    assert "Print the codes" in codes_page
    assert client.get(reverse("home")).status_code == 200
    assert "accounts.second_factor.added" in actions(newcomer)

    # From now on every login asks for a code after the password.
    client.post(reverse("logout"))
    assert password_step(client, newcomer)["Location"] == reverse("mfa_authenticate")


def test_a_wrong_set_up_code_saves_nothing(client_for, cast):
    newcomer = ManagerFactory(second_factor=False)
    client = client_for(newcomer)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "not a code"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=newcomer).exists()
    assert client.get(reverse("home")).status_code == 302


def test_a_parent_may_switch_a_second_factor_on(client, client_for, cast):
    parent = client_for(cast.parent_b)
    parent.get(reverse("mfa_activate_totp"))
    secret = parent.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert parent.post(reverse("mfa_activate_totp"), {"code": code}).status_code == 302
    parent.post(reverse("logout"))
    assert password_step(parent, cast.parent_b)["Location"] == reverse("mfa_authenticate")


def test_staff_may_not_remove_their_only_second_factor_but_a_parent_may(client_for, cast):
    staff = client_for(cast.key_person)
    response = staff.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "Staff always keep a second factor" in response.content.decode()
    assert Authenticator.objects.filter(user=cast.key_person, type="totp").exists()

    from tests.factories import add_totp

    add_totp(cast.parent_a)
    parent = client_for(cast.parent_a)
    assert parent.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=cast.parent_a).exists()
    assert "accounts.second_factor.removed" in actions(cast.parent_a)


# Lost phone: recovery codes.


def test_a_recovery_code_opens_one_login_only(client, cast):
    code = recovery_codes(cast.manager)[0]
    password_step(client, cast.manager)
    assert code_step(client, code).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert "accounts.recovery_code.used" in actions(cast.manager)
    assert code not in recovery_codes(cast.manager)
    client.post(reverse("logout"))
    password_step(client, cast.manager)
    assert code_step(client, code).status_code == 200
    assert client.get(reverse("home")).status_code == 302


# Lockout: wrong codes count with wrong passwords.


def wrong_code(user):
    right = {totp_code(user, steps=s) for s in (-1, 0, 1)}
    return next(c for c in ("111111", "222222", "333333", "444444") if c not in right)


def test_five_wrong_codes_lock_the_account_out(client, cast):
    password_step(client, cast.practitioner)
    for _ in range(4):
        assert code_step(client, wrong_code(cast.practitioner)).status_code == 200
    response = code_step(client, wrong_code(cast.practitioner))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # Locked: the half-finished login is dropped, so the right code leads
    # back to the login page, where the right password is refused.
    response = code_step(client, totp_code(cast.practitioner))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302
    assert password_step(client, cast.practitioner).status_code == 429
    assert AuditEvent.objects.filter(action="accounts.login.locked_out").exists()


def test_wrong_passwords_and_wrong_codes_add_up_to_the_same_lockout(client, cast):
    for _ in range(2):
        password_step(client, cast.dsl, password="not-the-password")
    password_step(client, cast.dsl)
    for _ in range(2):
        assert code_step(client, wrong_code(cast.dsl)).status_code == 200
    assert code_step(client, wrong_code(cast.dsl)).status_code == 429
    assert password_step(client, cast.dsl).status_code == 429


def test_a_locked_account_spelt_differently_is_still_locked(client, cast):
    password_step(client, cast.key_person)
    for _ in range(5):
        code_step(client, wrong_code(cast.key_person))
    response = client.post(
        reverse("login"), {"login": "  KP@Example.org ", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429


def test_a_login_completed_with_a_code_clears_the_accounts_failures(client, cast):
    for _ in range(4):
        password_step(client, cast.manager, password="not-the-password")
    password_step(client, cast.manager)
    assert code_step(client, totp_code(cast.manager)).status_code == 302
    client.post(reverse("logout"))
    # django-axes clears the failures when the login completes, on the code's
    # page (no email in that form): one more slip is not a fifth failure.
    password_step(client, cast.manager, password="not-the-password")
    response = password_step(client, cast.manager)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


# Re-authentication within ten minutes.


def later(monkeypatch, seconds):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + seconds)


def role_of(person):
    return User.objects.get(pk=person.pk).role


def promote(client, person):
    return client.post(
        reverse("account_edit", kwargs={"pk": person.pk}),
        {
            "full_name": person.full_name,
            "email": person.email,
            "role": Role.PRACTITIONER,
            "is_active": "on",
        },
    )


def test_changing_a_role_within_ten_minutes_of_login_needs_no_new_password(client_for, cast):
    client = client_for(cast.manager)
    response = promote(client, cast.parent_b)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts")
    assert role_of(cast.parent_b) == Role.PRACTITIONER


def test_changing_a_role_after_ten_minutes_asks_for_the_password_first(
    client_for, cast, monkeypatch
):
    client = client_for(cast.manager)
    later(monkeypatch, 11 * 60)
    response = promote(client, cast.parent_b)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert role_of(cast.parent_b) == Role.PARENT

    wrong = client.post(response["Location"], {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert role_of(cast.parent_b) == Role.PARENT

    # The right password sends the change on.
    done = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert done.status_code == 302
    assert role_of(cast.parent_b) == Role.PRACTITIONER
    assert "accounts.reauthentication.done" in actions(cast.manager)


def test_a_code_from_the_app_also_confirms_it_is_them(client_for, cast, monkeypatch):
    client = client_for(cast.manager)
    later(monkeypatch, 11 * 60)
    target = reverse("second_factor_reset", kwargs={"pk": cast.practitioner.pk})
    response = client.post(target)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(user=cast.practitioner).exists()
    next_url = response["Location"].split("?", 1)[1]
    code = format_hotp_value(hotp_value(demo_free_secret(cast.manager), int(time.time()) // 30))
    done = client.post(f"{reverse('mfa_reauthenticate')}?{next_url}", {"code": code})
    assert done.status_code == 302
    assert not Authenticator.objects.filter(user=cast.practitioner).exists()


def demo_free_secret(user):
    return Authenticator.objects.get(user=user, type="totp").data["secret"]


def test_seeing_recovery_codes_after_ten_minutes_asks_again(client_for, cast, monkeypatch):
    client = client_for(cast.key_person)
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    later(monkeypatch, 11 * 60)
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


# The manager's reset.


def test_the_manager_resets_a_lost_second_factor_and_it_is_set_up_again(client, client_for, cast):
    manager = client_for(cast.manager)
    url = reverse("second_factor_reset", kwargs={"pk": cast.practitioner.pk})
    assert "Authenticator app" in manager.get(url).content.decode()
    response = manager.post(url)
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=cast.practitioner).exists()
    event = AuditEvent.objects.get(action="accounts.second_factor.reset")
    assert event.actor == cast.manager
    assert event.object_id == str(cast.practitioner.pk)
    assert event.data == {"reset_from": "portal"}
    log = manager.get(reverse("audit_log")).content.decode().split("</select>", 1)[1]
    assert "Reset from: The accounts page" in log

    client.logout()
    password_step(client, cast.practitioner)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_the_manager_cannot_reset_their_own_but_another_manager_can(client_for, cast):
    own = reverse("second_factor_reset", kwargs={"pk": cast.manager.pk})
    assert client_for(cast.manager).post(own).status_code == 403
    assert Authenticator.objects.filter(user=cast.manager).exists()
    other_manager = ManagerFactory()
    assert client_for(other_manager).post(own).status_code == 302
    assert not Authenticator.objects.filter(user=cast.manager).exists()


def test_the_server_command_resets_the_managers_own(cast):
    out = StringIO()
    call_command("reset_second_factor", cast.manager.email.upper(), stdout=out)
    assert "was reset" in out.getvalue()
    assert not Authenticator.objects.filter(user=cast.manager).exists()
    event = AuditEvent.objects.get(action="accounts.second_factor.reset")
    assert event.actor is None
    assert event.object_id == str(cast.manager.pk)
    assert event.data == {"reset_from": "server"}


# The admin.


def test_the_admin_login_is_the_portals_own(client, cast):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_admin_needs_the_second_factor_too(client_for, cast):
    no_factor = ManagerFactory(second_factor=False)
    response = client_for(no_factor).get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client_for(cast.manager).get("/admin/").status_code == 200


# The demo.


def test_demo_code_prints_the_code_of_a_demo_account(db):
    user = PractitionerFactory(email="keyperson@demo.example", second_factor=False)
    from tests.factories import add_totp

    add_totp(user, secret=demo_totp_secret(user.email))
    out = StringIO()
    call_command("demo_code", "keyperson@demo.example", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() in {totp_code(user, steps=s) for s in (0, 1)}


def test_demo_code_refuses_accounts_that_are_not_demo_ones(cast):
    with pytest.raises(CommandError):
        call_command("demo_code", cast.manager.email, stdout=StringIO())
    with pytest.raises(CommandError, match="no authenticator"):
        call_command("demo_code", "nobody@demo.example", stdout=StringIO())


# Passkeys, and the strict Content Security Policy.


def test_staff_may_not_remove_a_passkey_that_is_their_only_second_factor(client_for, cast):
    Authenticator.objects.filter(user=cast.dsl).delete()
    key = Authenticator.objects.create(
        user=cast.dsl, type="webauthn", data={"name": "Phone", "credential": {}}
    )
    client = client_for(cast.dsl)
    response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}))
    assert response["Location"] == reverse("mfa_list_webauthn")
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_second_factor_pages_run_no_inline_script(client, client_for, cast):
    import re

    pages = []
    parent = client_for(cast.parent_a)
    pages.append(parent.get(reverse("mfa_activate_totp")))
    pages.append(parent.get(reverse("mfa_add_webauthn")))
    client.logout()
    pages.append(client.get(reverse("login")))
    password_step(client, cast.key_person)
    pages.append(client.get(reverse("mfa_authenticate")))
    for response in pages:
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy
        assert "img-src 'self' data:" in policy
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_a_switched_off_account_signing_in_by_passkey_is_not_revealed(rf, cast):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from nursery.auth import AccountAdapter

    request = rf.get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = AccountAdapter(request).respond_user_inactive(request, cast.key_person)
    assert response["Location"] == reverse("login")
    assert "do not match an active account" in str(next(iter(get_messages(request))))
