"""The setting's life is an app of its own (label `setting`) whose models
kept their tables, content types and role permissions when they moved."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from nursery.models import Role

MOVED = [
    "Announcement",
    "CommunicationNeeds",
    "Complaint",
    "Consultation",
    "ConsultationOption",
    "ConsultationResponse",
    "Event",
    "EventSignup",
    "Policy",
    "PolicyAcknowledgement",
    "Suggestion",
]


def test_moved_models_keep_their_tables():
    for name in MOVED:
        model = apps.get_model("setting", name)
        assert model._meta.db_table == f"nursery_{name.lower()}"
    assert apps.get_model("setting", "HistoricalPolicy")._meta.db_table == (
        "nursery_historicalpolicy"
    )
    assert apps.get_model("setting", "HistoricalComplaint")._meta.db_table == (
        "nursery_historicalcomplaint"
    )


@pytest.mark.django_db
def test_no_content_type_is_left_under_the_kernel_for_a_moved_model():
    left = ContentType.objects.filter(app_label="nursery").values_list("model", flat=True)
    assert set(left) == {
        "user",
        "siteconfig",
        "auditevent",
        "formsubmission",
        # The kernel's own, for telling people (not moved).
        "notification",
        "notificationpreference",
        "keptemail",
    }


@pytest.mark.django_db
def test_managers_get_every_permission_on_the_moved_models_and_practitioners_view_them():
    manager = Group.objects.get(name=Role.MANAGER)
    practitioner = Group.objects.get(name=Role.PRACTITIONER)
    setting_perms = Permission.objects.filter(content_type__app_label="setting")
    assert setting_perms.count() == 4 * (len(MOVED) + 2)  # two historical models
    assert set(manager.permissions.filter(content_type__app_label="setting")) == set(setting_perms)
    assert set(practitioner.permissions.filter(content_type__app_label="setting")) == set(
        setting_perms.filter(codename__startswith="view_")
    )
    assert manager.permissions.filter(codename="change_complaint").exists()
    assert not Group.objects.get(name=Role.PARENT).permissions.exists()
