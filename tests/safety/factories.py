"""Factories for the safety records."""

from datetime import timedelta

import factory
from django.utils import timezone

from consents.models import MedicationIncident
from safety.models import (
    Accident,
    AccidentKind,
    Attendance,
    Basis,
    BodyArea,
    CollectionNotice,
    Collector,
    HealthAlert,
    Injury,
    MustNotCollect,
    NotificationClock,
    RefusedCollection,
    Severity,
)
from tests.factories import ChildFactory, PractitionerFactory


class HealthAlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthAlert

    child = factory.SubFactory(ChildFactory)
    kind = "allergy"
    what = "Peanuts"
    severity = Severity.LIFE_THREATENING
    what_to_do = "Give the auto-injector, call 999."
    medicine_kept = "Adrenaline auto-injector"
    medicine_expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))
    changed_by = factory.SubFactory(PractitionerFactory)
    seen_by = factory.SelfAttribute("changed_by")
    seen_at = factory.LazyFunction(timezone.now)


class CollectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collector

    child = factory.SubFactory(ChildFactory)
    name = "Gran Ashworth"
    relationship = "Grandmother"
    phone = "07700 900555"
    added_by = factory.SubFactory(PractitionerFactory)


class MustNotCollectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MustNotCollect

    child = factory.SubFactory(ChildFactory)
    name = "Rory Ashworth"
    basis = Basis.COURT_ORDER
    detail = "Prohibited steps order, family court, March."
    recorded_by = factory.SubFactory(PractitionerFactory)


class CollectionNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionNotice

    child = factory.SubFactory(ChildFactory)
    on = factory.LazyFunction(timezone.localdate)
    name = "Sam Friend"
    relationship = "Family friend"
    phone = "07700 900777"
    told_by = factory.SubFactory(PractitionerFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    child = factory.SubFactory(ChildFactory)
    on = factory.LazyFunction(timezone.localdate)
    signed_in_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))
    brought_by = "Mum"
    signed_in_by = factory.SubFactory(PractitionerFactory)


class AccidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accident

    child = factory.SubFactory(ChildFactory)
    kind = AccidentKind.ACCIDENT
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    location = "Garden"
    what_happened = "Tripped on the step and bumped a knee."
    injury = Injury.BUMP
    body_area = BodyArea.LEG
    first_aid = "Cold compress"
    recorded_by = factory.SubFactory(PractitionerFactory)
    first_aid_by = factory.SelfAttribute("recorded_by")


class NotificationClockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationClock

    accident = factory.SubFactory(AccidentFactory, serious=True)
    body = "ofsted"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class RefusedCollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RefusedCollection

    child = factory.SubFactory(ChildFactory)
    person = "Rory Ashworth"
    reason = "On the must-not-collect list"
    recorded_by = factory.SubFactory(PractitionerFactory)


class MedicationIncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MedicationIncident

    child = factory.SubFactory(ChildFactory)
    medicine = "Calpol"
    amount = "7.5 ml"
    given_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    given_by = factory.SubFactory(PractitionerFactory)
    what_went_wrong = "More than the permitted dose."
    action_taken = "NHS 111 called."
    parent_told_at = factory.LazyFunction(timezone.now)
    parent_told = "Mother, by phone"
    recorded_by = factory.SelfAttribute("given_by")
