"""Who safety tells: the family of an accident record, always by email at
once; the key person and the room's staff of a parent's change to a health
alert, always by email at once."""

import pytest
from django.core import mail

from families.models import Room
from nursery.models import Channel, NotificationPreference
from safety import services
from tests.factories import ChildFactory, KeyPersonAssignmentFactory, PractitionerFactory
from tests.safety.factories import AccidentFactory, HealthAlertFactory
from tests.utils import committed, emailed, told

pytestmark = pytest.mark.django_db


def test_an_accident_is_emailed_to_the_family_whatever_they_chose(cast):
    NotificationPreference.objects.create(
        user=cast.parent_a, kind="safety.accident", channel=Channel.PORTAL
    )
    accident = AccidentFactory.build(child=cast.child_a, recorded_by=cast.key_person)
    with committed():
        services.accident_record(accident=accident, child=cast.child_a, by=cast.key_person)
    # The child's record: both homes, each by email whatever they chose.
    assert told("safety.accident") == {
        cast.parent_a.email: Channel.EMAIL,
        cast.parent_a_home2.email: Channel.EMAIL,
    }
    assert emailed() == sorted([cast.parent_a.email, cast.parent_a_home2.email])
    assert "accident or injury record for Ada" in mail.outbox[0].subject


def test_a_parents_change_to_a_health_alert_tells_the_room_staff(cast):
    other_room = Room.objects.create(name="Little Owls")
    elsewhere = PractitionerFactory(email="owls@example.org")
    KeyPersonAssignmentFactory(child=ChildFactory(room=other_room), practitioner=elsewhere)
    alert = HealthAlertFactory.build(child=cast.child_a)
    with committed():
        services.alert_save(alert=alert, child=cast.child_a, by=cast.parent_a)
    # The key person of Ada and the key person of Ben, in Ada's room; not the
    # other room's staff, and never a parent.
    assert sorted(told("safety.alert_changed")) == sorted(
        [cast.key_person.email, cast.practitioner.email]
    )
    assert emailed() == sorted([cast.key_person.email, cast.practitioner.email])


def test_a_staff_change_to_a_health_alert_tells_nobody(cast):
    alert = HealthAlertFactory.build(child=cast.child_a)
    with committed():
        services.alert_save(alert=alert, child=cast.child_a, by=cast.key_person)
    assert told("safety.alert_changed") == {}
