from allauth.mfa.models import Authenticator

from nursery.models import KeptEmail, Notification
from tests.access import ONLY_MANAGER, Row, statuses

PUBLIC = statuses(anon=200, everyone=200)
# Pages for anyone, which send a logged-in person home instead.
LOGIN_PAGE = statuses(anon=200, everyone=302)

# Staff have an authenticator app (and recovery codes); parents have none.
STAFF_ONLY_404 = statuses(parents=404, staff=200)


def key_of_key_person(cast):
    """A passkey of the key person's: everyone else's lookups miss it."""
    key = Authenticator.objects.create(
        user=cast.key_person,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Room tablet key", "credential": {}},
    )
    return {"pk": key.pk}


def item_of_parent_a(cast):
    """An item of parent A's What's new: everyone else's lookups miss it."""
    item = Notification.objects.create(
        recipient=cast.parent_a,
        kind="families.meeting_shared",
        child=cast.child_a,
        child_name="Ada",
        url=cast.child_a.get_absolute_url(),
        channel="portal",
    )
    return {"pk": item.pk}


def kept_email(cast):
    kept = KeptEmail.objects.create(
        to="someone@example.org", subject="Hello", body="A message", attempts=5, error="refused"
    )
    return {"pk": kept.pk}


ROWS = [
    Row("home", get=statuses(everyone=200), post=statuses(everyone=405)),
    # The language: the footer's chooser (before login too) and the account.
    Row(
        "language",
        get=statuses(anon=405, everyone=405),
        post=statuses(anon=302, everyone=302),
        data=lambda cast: {"language": "pl", "next": "/"},
        public=True,
    ),
    Row(
        "account_settings",
        get=statuses(everyone=200),
        post=statuses(everyone=302),
        data=lambda cast: {"language": "ro"},
    ),
    Row("accessibility", get=PUBLIC, post=statuses(anon=405, everyone=405), public=True),
    Row(
        "login",
        get=LOGIN_PAGE,
        post=LOGIN_PAGE,
        data=lambda cast: {"login": "nobody@example.org", "password": "wrong-password"},
    ),
    Row(
        "account_login",
        get=LOGIN_PAGE,
        post=LOGIN_PAGE,
        data=lambda cast: {"login": "nobody@example.org", "password": "wrong-password"},
    ),
    Row(
        "account_reauthenticate",
        get=statuses(everyone=200),
        post=statuses(everyone=200),
        data=lambda cast: {"password": "wrong-password"},
    ),
    # The second factor (django-allauth's pages).
    Row("mfa_index", get=statuses(everyone=200), post=statuses(everyone=405)),
    # Only in the middle of a login; anyone else is sent to the login page.
    Row("mfa_authenticate", get=statuses(everyone=302), post=statuses(everyone=302)),
    Row(
        "mfa_reauthenticate",
        get=statuses(parents=302, staff=200),
        post=statuses(parents=302, staff=200),
        data=lambda cast: {"code": "000000"},
    ),
    # Staff have an app already (sent on to remove it); parents may add one.
    Row(
        "mfa_activate_totp",
        get=statuses(parents=200, staff=302),
        post=statuses(parents=200, staff=302),
        data=lambda cast: {"code": "000000"},
    ),
    # Staff may not remove their only second factor: the form says so.
    Row("mfa_deactivate_totp", get=STAFF_ONLY_404, post=STAFF_ONLY_404),
    Row("mfa_view_recovery_codes", get=STAFF_ONLY_404, post=statuses(everyone=405)),
    Row(
        "mfa_generate_recovery_codes",
        get=statuses(everyone=200),
        post=statuses(parents=200, staff=302),
    ),
    Row("mfa_download_recovery_codes", get=STAFF_ONLY_404, post=statuses(everyone=405)),
    Row("mfa_list_webauthn", get=statuses(everyone=200), post=statuses(everyone=405)),
    Row(
        "mfa_add_webauthn",
        get=statuses(everyone=200),
        post=statuses(everyone=200),
        data=lambda cast: {"name": "Key", "credential": "{}"},
    ),
    Row(
        "mfa_reauthenticate_webauthn",
        get=statuses(everyone=302),
        post=statuses(everyone=302),
    ),
    Row(
        "mfa_remove_webauthn",
        get=statuses(everyone=404, key_person=200),
        post=statuses(everyone=404, key_person=302),
        kwargs=key_of_key_person,
    ),
    Row(
        "mfa_edit_webauthn",
        get=statuses(everyone=404, key_person=200),
        post=statuses(everyone=404, key_person=302),
        kwargs=key_of_key_person,
        data=lambda cast: {"name": "Blue key"},
    ),
    Row(
        "mfa_login_webauthn",
        get=statuses(anon=302, everyone=302),
        post=statuses(anon=302, everyone=302),
        data=lambda cast: {"credential": "{}"},
        public=True,
    ),
    Row(
        "second_factor_reset",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        kwargs=lambda cast: {"pk": cast.practitioner.pk},
    ),
    Row(
        "logout",
        get=statuses(anon=405, everyone=405),
        post=statuses(anon=302, everyone=302),
        public=True,
    ),
    Row(
        "password_change",
        get=statuses(everyone=200),
        post=statuses(everyone=200),
        data=lambda cast: {"old_password": "wrong"},
    ),
    Row("password_change_done", get=statuses(everyone=200), post=statuses(everyone=405)),
    Row(
        "password_reset",
        get=PUBLIC,
        post=statuses(anon=302, everyone=302),
        data=lambda cast: {"email": "nobody@example.org"},
        public=True,
    ),
    Row("password_reset_done", get=PUBLIC, post=statuses(anon=405, everyone=405)),
    Row(
        "password_reset_confirm",
        get=PUBLIC,
        post=PUBLIC,
        kwargs=lambda cast: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    Row("password_reset_complete", get=PUBLIC, post=statuses(anon=405, everyone=405)),
    Row(
        "invitation",
        get=PUBLIC,
        post=PUBLIC,
        kwargs=lambda cast: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    Row("invitation_complete", get=PUBLIC, post=statuses(anon=405, everyone=405)),
    Row("accounts", get=ONLY_MANAGER, post=statuses(everyone=403, manager=405)),
    Row(
        "account_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {
            "full_name": "New Person",
            "email": "new.person@example.org",
            "role": "parent",
        },
    ),
    Row(
        "account_edit",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        kwargs=lambda cast: {"pk": cast.parent_b.pk},
        data=lambda cast: {
            "full_name": "Bo Bennett-Smith",
            "email": cast.parent_b.email,
            "role": "parent",
            "is_active": "on",
        },
    ),
    Row("audit_log", get=ONLY_MANAGER, post=statuses(everyone=403, manager=405)),
    Row(
        "config",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {
            "name": "Stars",
            "meeting_interval_weeks": "6",
            "review_interval_weeks": "13",
            "details_confirm_months": "6",
        },
    ),
    # What's new: each person's own list and choices.
    Row("whats_new", get=statuses(everyone=200), post=statuses(everyone=405)),
    Row(
        "notification_open",
        get=statuses(everyone=404, parent_a=302, parent_a_home2=404),
        post=statuses(everyone=405),
        kwargs=item_of_parent_a,
    ),
    Row("notifications_read", get=statuses(everyone=405), post=statuses(everyone=302)),
    Row(
        "notification_choices",
        get=statuses(everyone=200),
        # Nothing chosen: the form asks again, and nothing is saved.
        post=statuses(everyone=200),
        data=lambda cast: {},
    ),
    # Emails the mail server refused: the manager's list, and sending one again.
    Row("kept_emails", get=ONLY_MANAGER, post=statuses(everyone=403, manager=405)),
    Row(
        "kept_email_resend",
        get=statuses(everyone=403, manager=405),
        post=statuses(everyone=403, manager=302),
        kwargs=kept_email,
    ),
]
