"""The manager creates and changes accounts; the audit log; the demo command."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from consents.models import ConsentEvent
from families.models import Child, ParentLink
from nursery.models import AuditEvent, Role, User
from tests.factories import ParentFactory
from tests.utils import assert_fixed_queries, run_tasks

pytestmark = pytest.mark.django_db


def test_manager_creates_a_staff_account_and_an_invitation_is_sent(
    client_for, cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.manager).post(
            reverse("account_create"),
            {
                "full_name": "Nia Newstaff",
                "email": "Nia@Example.org",
                "role": "practitioner",
                "is_dsl": "on",
                "phone": "07700 900555",
            },
        )
    assert response.status_code == 302
    nia = User.objects.get(email="nia@example.org")
    assert nia.role == Role.PRACTITIONER
    assert nia.is_dsl
    assert not nia.is_staff
    assert not nia.has_usable_password()
    assert mailoutbox == []
    run_tasks()
    assert mailoutbox[0].to == ["nia@example.org"]
    assert "/accounts/invitation/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(
        action="accounts.account.invited", object_id=str(nia.pk)
    ).exists()


def test_duplicate_email_is_refused(client_for, cast):
    response = client_for(cast.manager).post(
        reverse("account_create"),
        {"full_name": "Copy", "email": cast.parent_a.email.upper(), "role": "parent"},
    )
    assert response.status_code == 200
    assert "already uses this email" in response.content.decode()
    assert User.objects.filter(email__iexact=cast.parent_a.email).count() == 1


def test_a_parent_cannot_be_made_safeguarding_lead(client_for, cast):
    response = client_for(cast.manager).post(
        reverse("account_create"),
        {"full_name": "P", "email": "p@example.org", "role": "parent", "is_dsl": "on"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="p@example.org").exists()


def test_manager_cannot_remove_their_own_role(client_for, cast):
    response = client_for(cast.manager).post(
        reverse("account_edit", args=[cast.manager.pk]),
        {"full_name": "Mina", "email": cast.manager.email, "role": "parent", "is_active": "on"},
    )
    assert response.status_code == 200
    cast.manager.refresh_from_db()
    assert cast.manager.role == Role.MANAGER


def test_disabling_an_account_stops_login(client_for, cast):
    client_for(cast.manager).post(
        reverse("account_edit", args=[cast.parent_b.pk]),
        {"full_name": "Bo Bennett", "email": cast.parent_b.email, "role": "parent"},
    )
    cast.parent_b.refresh_from_db()
    assert not cast.parent_b.is_active


def test_people_list_names_each_role_in_the_readers_words(client_for, cast):
    client = client_for(cast.manager)
    rows = client.get(reverse("accounts")).content.decode()
    assert ">Parent or carer</td>" in rows
    assert ">Manager</td>" in rows
    # Not the group's own name, which is a code, in English.
    assert ">Parent</td>" not in rows
    cast.manager.language = "pl"
    cast.manager.save(update_fields=["language"])
    rows = client.get(reverse("accounts")).content.decode()
    assert ">Rodzic lub opiekun</td>" in rows
    assert ">Kierownik</td>" in rows


def test_people_list_reads_each_role_with_the_person(client_for, cast):
    """The role shown in the list is the one the person has when signed in:
    the highest of their role groups, or none."""
    both = User.objects.create_user("both@example.org", full_name="Bea Both")
    both.groups.add(Group.objects.get(name=Role.PRACTITIONER), Group.objects.get(name=Role.MANAGER))
    User.objects.create_user("none@example.org", full_name="Nell None")
    people = {person.full_name: person for person in User.objects.with_role_name()}
    for person in User.objects.all():
        assert people[person.full_name].role == person.role, person
    assert people["Bea Both"].role == Role.MANAGER and people["Nell None"].role is None
    rows = client_for(cast.manager).get(reverse("accounts"), {"q": "Bea"}).text
    assert ">Manager</td>" in rows
    rows = client_for(cast.manager).get(reverse("accounts"), {"q": "Nell"}).text
    assert ">—</td>" in rows


def test_people_list_holds_a_fixed_query_count(client_for, cast):
    client = client_for(cast.manager)
    assert_fixed_queries(
        fetch=lambda: client.get(reverse("accounts")),
        grow=lambda n: ParentFactory.create_batch(n),
    )


def test_audit_log_filters_by_child_and_person(client_for, cast):
    client_for(cast.parent_a).post(reverse("families:details_confirm", args=[cast.child_a.pk]))
    client = client_for(cast.manager)
    by_child = client.get(reverse("audit_log"), {"child": cast.child_a.pk})
    events = list(by_child.context["object_list"])
    assert events
    assert all(e.child_id == cast.child_a.pk for e in events)
    by_person = client.get(reverse("audit_log"), {"actor": cast.parent_a.pk})
    assert all(e.actor_id == cast.parent_a.pk for e in by_person.context["object_list"])
    assert client.get(reverse("audit_log"), {"child": "x' OR 1=1"}).status_code == 200


def test_audit_log_holds_a_fixed_query_count(client_for, cast):
    client = client_for(cast.manager)

    def grow(n):
        AuditEvent.objects.bulk_create(
            AuditEvent(actor=cast.parent_a, action="accounts.login.succeeded", child=cast.child_a)
            for _ in range(n)
        )

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("audit_log")),
        grow=grow,
    )


def test_demo_fills_an_empty_database_with_a_realistic_setting(db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "manager@demo.example" in out
    assert "restricted@demo.example" in out
    assert Child.objects.count() == 60
    assert User.objects.with_role(Role.PARENT).count() >= 90
    assert User.objects.staff().count() >= 12
    assert User.objects.filter(is_dsl=True).exists()
    assert ParentLink.objects.filter(portal_access=False).count() >= 1
    # No decision is dated ahead of today (a parent read one "made" next year).
    today = timezone.localdate()
    assert ConsentEvent.objects.count() > 300
    assert not ConsentEvent.objects.filter(decided_on__gt=today).exists()
    assert not ConsentEvent.objects.filter(recorded_at__date__gt=today).exists()


def test_demo_refuses_a_database_with_real_accounts(db, cast):
    with pytest.raises(CommandError):
        call_command("demo")
    assert User.objects.filter(email=cast.manager.email).exists()


def test_demo_if_empty_leaves_existing_data_alone(db, cast, capsys):
    call_command("demo", "--if-empty")
    assert Child.objects.count() == 2
    assert "already holds data" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_demo_can_run_again_on_demo_data():
    # Rebuilding erases the demo with `flush`, which PostgreSQL refuses
    # inside the transaction an ordinary test runs in.
    call_command("demo")
    call_command("demo")
    assert Child.objects.count() == 60
