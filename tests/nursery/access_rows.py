from tests.access import ONLY_MANAGER, Row, statuses

PUBLIC = statuses(anon=200, everyone=200)
# Pages for anyone, which send a logged-in person home instead.
LOGIN_PAGE = statuses(anon=200, everyone=302)

ROWS = [
    Row("home", get=statuses(everyone=200), post=statuses(everyone=405)),
    Row(
        "login",
        get=LOGIN_PAGE,
        post=LOGIN_PAGE,
        data=lambda cast: {"username": "nobody@example.org", "password": "wrong-password"},
    ),
    Row("logout", get=statuses(everyone=405), post=statuses(everyone=302)),
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
