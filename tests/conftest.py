"""The named cast every test reuses, and the browser set-up."""

import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone, translation

from families.models import ParentLink, Relationship
from nursery.auth import has_second_factor, record_completed_login
from tests.factories import (
    ChildFactory,
    EmergencyContactFactory,
    KeyPersonAssignmentFactory,
    ManagerFactory,
    ParentFactory,
    ParentLinkFactory,
    PracticalDetailsFactory,
    PractitionerFactory,
    RoomFactory,
)

# Playwright's sync API runs an event loop in the test thread; the live
# server's ORM calls happen in another thread, so Django's async guard would
# otherwise refuse them. Tests only: `check --deploy` refuses this setting.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, as pytest-django makes it. On PostgreSQL, any
    other session still open on it when the tests end (a thread a test
    left behind: the live server finishing a last request the browser sent
    as its test ended, say) is ended first, so that the database can be
    dropped; a session open then has no test left to answer."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Argon2 takes most of a second per hash; tests need no real hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def midday():
    """Today at noon, the clock running on: for tests that count by the
    calendar day (doses in a day, today's doses) with moments a few minutes
    back, which would fall on yesterday just after midnight."""
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=True):
        yield noon


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language and leaves it so: a request
    as a person who chose Polish activates Polish for the thread, and a
    later test that renders without a request would read it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def force_completed_login(client, user):
    """force_login standing for a finished login: the session records the
    password and the second factor just given, as allauth's login does."""
    client.force_login(user, backend="nursery.auth.AccountBackend")
    session = client.session
    methods = ("password", "mfa") if has_second_factor(user) else ("password",)
    record_completed_login(session, user, methods=methods)
    session.save()


@dataclass
class Cast:
    """The people every test talks about, and their children.

    Family A: child_a, whose key person is `key_person`; parent_a (parental
    responsibility, portal access) and parent_restricted (a court order: the
    link exists but may not see the child), and parent_a_home2 (parental
    responsibility, portal access, living in another household: never sees
    what parent_a wrote or was told). Family B: child_b, key person
    `practitioner`, parent parent_b. The DSL and the manager are nobody's key
    person.
    """

    manager: object
    dsl: object
    key_person: object
    practitioner: object
    parent_a: object
    parent_b: object
    parent_restricted: object
    parent_a_home2: object
    child_a: object
    child_b: object
    anon: object = None


MEMBERS = (
    "anon",
    "parent_a",
    "parent_b",
    "parent_restricted",
    "parent_a_home2",
    "practitioner",
    "key_person",
    "dsl",
    "manager",
)


@pytest.fixture
def cast(db):
    room = RoomFactory(name="Bright Stars")
    manager = ManagerFactory(email="manager@example.org", full_name="Mina Manager")
    dsl = PractitionerFactory(email="dsl@example.org", full_name="Dee Lead", is_dsl=True)
    key_person = PractitionerFactory(email="kp@example.org", full_name="Kim Keyperson")
    practitioner = PractitionerFactory(email="prac@example.org", full_name="Pat Practitioner")
    parent_a = ParentFactory(email="parent.a@example.org", full_name="Alex Ashworth")
    parent_b = ParentFactory(email="parent.b@example.org", full_name="Bo Bennett")
    parent_restricted = ParentFactory(email="restricted@example.org", full_name="Rory Ashworth")
    parent_a_home2 = ParentFactory(email="parent.a2@example.org", full_name="Sam Cole")
    child_a = ChildFactory(first_name="Ada", last_name="Ashworth", room=room)
    child_b = ChildFactory(first_name="Ben", last_name="Bennett", room=room)
    ParentLinkFactory(parent=parent_a, child=child_a)
    ParentLinkFactory(
        parent=parent_restricted,
        child=child_a,
        relationship=Relationship.FATHER,
        portal_access=False,
        restriction_note="Court order",
    )
    ParentLinkFactory(
        parent=parent_a_home2, child=child_a, relationship=Relationship.FATHER, household=2
    )
    ParentLinkFactory(parent=parent_b, child=child_b)
    # The families have been with the nursery for a year: what was shared
    # with them in tests is new to them (a link made today is not: see
    # families.selectors.since_linked).
    ParentLink.objects.update(created_at=timezone.now() - timedelta(days=365))
    KeyPersonAssignmentFactory(child=child_a, practitioner=key_person)
    KeyPersonAssignmentFactory(child=child_b, practitioner=practitioner)
    for child in (child_a, child_b):
        PracticalDetailsFactory(child=child)
        EmergencyContactFactory(child=child)
    return Cast(
        manager=manager,
        dsl=dsl,
        key_person=key_person,
        practitioner=practitioner,
        parent_a=parent_a,
        parent_b=parent_b,
        parent_restricted=parent_restricted,
        parent_a_home2=parent_a_home2,
        child_a=child_a,
        child_b=child_b,
    )


@pytest.fixture
def client_for(client):
    """client_for(user) is a test client logged in as that person (or
    anonymous), as after a completed login: password and, for staff, the
    second factor (the staff factories give them an authenticator app)."""

    def login(user):
        client.logout()
        if user is not None:
            force_completed_login(client, user)
        return client

    return login


# Browser tests: the system Chromium, never a downloaded browser.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
