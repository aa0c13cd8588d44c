from allauth.mfa.models import Authenticator

from tests.access import ONLY_MANAGER, STAFF, Row, statuses

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


ROWS = [
    Row("home", get=statuses(everyone=200), post=statuses(everyone=405)),
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
]


# The setting and its families. Objects are made once per cast, when the
# URL is built (before the database is fingerprinted).
def _once(cast, name, make):
    if not hasattr(cast, name):
        setattr(cast, name, make(cast))
    return getattr(cast, name)


def policy(cast):
    from tests.nursery.factories import PolicyFactory

    return {"pk": _once(cast, "_policy", lambda c: PolicyFactory(title="Sick children")).pk}


def room_event(cast):
    from tests.nursery.factories import EventFactory, EventSignupFactory

    def make(c):
        event = EventFactory(room=c.child_a.room, created_by=c.manager)
        EventSignupFactory(event=event, parent=c.parent_a)
        return event

    return {"pk": _once(cast, "_event", make).pk}


def open_consultation(cast):
    from tests.nursery.factories import ConsultationFactory

    return {"pk": _once(cast, "_consultation", lambda c: ConsultationFactory()).pk}


def consultation_answer(cast):
    return {"option": str(cast._consultation.options.first().pk), "comment": "Fine by us"}


def suggestion_a(cast):
    from tests.nursery.factories import SuggestionFactory

    return {"pk": _once(cast, "_suggestion", lambda c: SuggestionFactory(parent=c.parent_a)).pk}


def complaint_a(cast):
    from tests.nursery.factories import ComplaintFactory

    return {"pk": _once(cast, "_complaint", lambda c: ComplaintFactory(complainant=c.parent_a)).pk}


def announcement(cast):
    from tests.nursery.factories import AnnouncementFactory

    return {"pk": _once(cast, "_announcement", lambda c: AnnouncementFactory()).pk}


def _day(days):
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _future(days):
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


POLICY_DATA = {
    "title": "Sick children",
    "category": "health",
    "body": "Keep a child with a fever at home.",
    "last_reviewed_on": _day(-1),
    "next_review_due": _day(364),
    "requires_acknowledgement": "on",
    "is_published": "on",
}
READ_ALL = statuses(everyone=200)
ALL_405 = statuses(everyone=405)
MANAGER_ONLY_LIST = statuses(everyone=403, manager=405)
STAFF_POSTS = statuses(parents=403, staff=302)
FAMILY_READ = statuses(everyone=200, parent_restricted=404)
PARENT_OWN = statuses(everyone=404, parent_a=200, manager=200)

ROWS += [
    Row("dashboard", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("details_unconfirmed", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("policies", get=READ_ALL, post=ALL_405),
    Row("policies_overdue", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row(
        "policy_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: POLICY_DATA,
    ),
    Row("policy_detail", get=READ_ALL, post=ALL_405, kwargs=policy),
    Row(
        "policy_edit",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        kwargs=policy,
        data=lambda cast: {**POLICY_DATA, "new_version": "on"},
    ),
    Row(
        "policy_acknowledge",
        get=statuses(parents=405, staff=403),
        post=statuses(parents=302, staff=403),
        kwargs=policy,
    ),
    Row("events", get=READ_ALL, post=ALL_405),
    Row(
        "event_create",
        get=STAFF,
        post=STAFF_POSTS,
        data=lambda cast: {
            "title": "Diwali celebration",
            "kind": "celebration",
            "starts_at": _future(10),
            "helpers_wanted": "0",
        },
    ),
    Row(
        "event_detail",
        get=FAMILY_READ,
        post=statuses(parents=302, parent_restricted=404, staff=403),
        kwargs=room_event,
        data=lambda cast: {"adults": "2", "offers_help": "on"},
    ),
    Row(
        "event_edit",
        get=statuses(parents=403, parent_restricted=404, staff=200),
        post=statuses(parents=403, parent_restricted=404, staff=302),
        kwargs=room_event,
        data=lambda cast: {
            "title": "Stay and play (moved)",
            "kind": "stay_and_play",
            "starts_at": _future(8),
            "helpers_wanted": "2",
        },
    ),
    Row(
        "event_cancel_signup",
        get=statuses(parents=405, parent_restricted=404, staff=403),
        post=statuses(parents=302, parent_restricted=404, staff=403),
        kwargs=room_event,
    ),
    Row("consultations", get=READ_ALL, post=ALL_405),
    Row(
        "consultation_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {
            "title": "Menus",
            "question": "Which lunch menu?",
            "opens_on": _day(0),
            "closes_on": _day(14),
            "options": "Menu A\nMenu B",
        },
    ),
    Row(
        "consultation_detail",
        get=FAMILY_READ,
        post=statuses(parents=302, parent_restricted=404, staff=403),
        kwargs=open_consultation,
        data=consultation_answer,
    ),
    Row(
        "consultation_results",
        get=statuses(everyone=403, parent_restricted=404, manager=200),
        post=statuses(everyone=403, parent_restricted=404, manager=302),
        kwargs=open_consultation,
        data=lambda cast: {"decision": "We will open at 7.30 from September."},
    ),
    Row(
        "suggestions",
        get=statuses(everyone=403, parents=200, manager=200),
        post=statuses(everyone=403, parents=405, manager=405),
    ),
    Row(
        "suggestion_create",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=302, staff=403),
        data=lambda cast: {"body": "A lending library of picture books"},
    ),
    Row(
        "suggestion_detail",
        get=PARENT_OWN,
        post=statuses(everyone=404, parent_a=403, manager=302),
        kwargs=suggestion_a,
        data=lambda cast: {"response": "Good idea: starting next month."},
    ),
    Row("complaints", get=READ_ALL, post=ALL_405),
    Row("complaints_due", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row(
        "complaint_create",
        get=READ_ALL,
        post=statuses(everyone=302),
        data=lambda cast: {
            "summary": "Lost coat",
            "details": "My child's coat went missing.",
            "complainant_name": "A visitor",
            "received_via": "in_person",
            "received_on": _day(0),
        },
    ),
    Row(
        "complaint_detail",
        get=PARENT_OWN,
        post=statuses(everyone=404, parent_a=403, manager=302),
        kwargs=complaint_a,
        data=lambda cast: {"acknowledged_on": _day(0)},
    ),
    Row("complaints_export", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("complaints_print", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("announcements", get=READ_ALL, post=ALL_405),
    Row(
        "announcement_create",
        get=STAFF,
        post=STAFF_POSTS,
        data=lambda cast: {"title": "Closed Monday", "body": "Training day.", "audience": "all"},
    ),
    Row(
        "announcement_recipients",
        get=statuses(parents=403, parent_restricted=404, staff=200),
        post=statuses(parents=403, parent_restricted=404, staff=405),
        kwargs=announcement,
    ),
    Row(
        "communication_needs",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=302, staff=403),
        data=lambda cast: {"preferred_language": "Polish", "needs_interpreter": "on"},
    ),
]
