"""Item 3: a manager in the admin cannot take over an account, and every
admin change reaches the audit log. Item 4: one migrate of an empty
database leaves every role complete."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from nursery.models import AuditEvent, Role, SiteConfig
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def change_url(user):
    return reverse("admin:nursery_user_change", args=[user.pk])


def user_form(user, **overrides):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_the_manager_cannot_make_themself_superuser_in_the_admin(client_for, cast):
    client = client_for(cast.manager)
    client.post(change_url(cast.manager), user_form(cast.manager, is_superuser="on"))
    cast.manager.refresh_from_db()
    assert not cast.manager.is_superuser


def test_the_manager_cannot_change_someones_groups_or_staff_flag_in_the_admin(client_for, cast):
    client = client_for(cast.manager)
    manager_group = Group.objects.get(name=Role.MANAGER)
    response = client.post(
        change_url(cast.parent_a),
        user_form(cast.parent_a, groups=[manager_group.pk], is_staff="on", is_superuser="on"),
    )
    assert response.status_code in (200, 302)
    cast.parent_a.refresh_from_db()
    assert not cast.parent_a.groups.filter(name=Role.MANAGER).exists()
    assert not cast.parent_a.is_staff
    assert not cast.parent_a.is_superuser


def test_the_manager_cannot_set_another_persons_password_in_the_admin(client_for, cast):
    client = client_for(cast.manager)
    url = reverse("admin:auth_user_password_change", args=[cast.dsl.pk])
    new = "taken-over-account-2026"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 403
    cast.dsl.refresh_from_db()
    assert cast.dsl.check_password(TEST_PASSWORD)


def test_the_manager_cannot_add_an_account_with_a_password_in_the_admin(client_for, cast):
    client = client_for(cast.manager)
    assert client.get(reverse("admin:nursery_user_add")).status_code == 403


def test_the_change_form_shows_the_manager_the_roles_but_offers_no_box_for_them(client_for, cast):
    html = client_for(cast.manager).get(change_url(cast.parent_a)).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="groups"' not in html
    assert 'name="user_permissions"' not in html


def test_every_admin_change_is_written_to_the_audit_log(client_for, cast):
    config = SiteConfig.load()
    client = client_for(cast.manager)
    client.post(change_url(cast.parent_a), user_form(cast.parent_a, full_name="Renamed Parent"))
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.full_name == "Renamed Parent"
    changed = AuditEvent.objects.filter(action="admin.record.changed", actor=cast.manager)
    assert changed.filter(data__object=str(cast.parent_a)).exists()
    client.post(
        reverse("admin:nursery_siteconfig_change", args=[config.pk]),
        {
            "name": "Renamed Nursery",
            "meeting_interval_weeks": 8,
            "review_interval_weeks": 13,
            "details_confirm_months": 6,
        },
    )
    assert changed.filter(data__model="siteconfig").exists()


def test_a_deletion_in_the_admin_is_audited_and_bulk_deletion_is_off(client_for, cast):
    from families.models import Room

    purpose = Room.objects.create(name="Garden room")
    client = client_for(cast.manager)
    changelist = reverse("admin:families_room_changelist")
    assert "delete_selected" not in client.get(changelist).content.decode()
    client.post(reverse("admin:families_room_delete", args=[purpose.pk]), {"post": "yes"})
    assert not Room.objects.filter(pk=purpose.pk).exists()
    assert AuditEvent.objects.filter(
        action="admin.record.deleted", actor=cast.manager, data__object=str(purpose)
    ).exists()


def test_one_migrate_of_an_empty_database_leaves_every_role_complete(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "nursery.settings",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    report = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from django.contrib.auth.models import Group, Permission;"
            "from nursery.services import PORTAL_APPS;"
            "total = Permission.objects.filter(content_type__app_label__in=PORTAL_APPS);"
            "g = {x.name: x.permissions for x in Group.objects.all()};"
            "print(total.count(), g['manager'].count(),"
            " g['practitioner'].count(),"
            " total.filter(codename__startswith='view_').count(), g['parent'].count())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    total, manager, practitioner, views, parent = map(int, report.stdout.split())
    assert total > 50
    assert manager == total
    assert practitioner == views > 0
    assert parent == 0
