"""Factories for consents and medication. Ledger rows go through the
service where the test is about behaviour; these make data in bulk."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.db.models import Max
from django.utils import timezone

from consents.models import (
    ConsentEvent,
    ConsentType,
    Decision,
    MedicationDose,
    MedicationPermission,
    Method,
)
from consents.purposes import ensure_core_purposes


def purpose(code):
    """A core purpose by its code (put back first if a flush removed it)."""
    ensure_core_purposes(ConsentType)
    return ConsentType.objects.get(code=code)


def _next_sequence(event):
    last = ConsentEvent.objects.filter(
        child=event.child, consent_type=event.consent_type
    ).aggregate(n=Max("sequence"))["n"]
    return (last or 0) + 1


class ConsentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentType

    code = factory.Sequence(lambda n: f"purpose_{n}")
    name = factory.Sequence(lambda n: f"Purpose {n}")
    explanation = "What this purpose covers, in plain words."


class ConsentEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentEvent

    consent_type = factory.LazyFunction(lambda: purpose("photographs"))
    decision = Decision.GIVEN
    method = Method.ONLINE
    decided_on = factory.LazyFunction(timezone.localdate)
    explanation_shown = factory.LazyAttribute(lambda e: e.consent_type.explanation)
    recorded_by = factory.LazyAttribute(lambda e: e.decided_by)
    confirmed_parental_responsibility = True
    sequence = factory.LazyAttribute(_next_sequence)
    expires_on = factory.LazyAttribute(
        lambda e: e.consent_type.expiry_from(e.decided_on) if e.decision == Decision.GIVEN else None
    )


class MedicationPermissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MedicationPermission

    medicine = "Calpol"
    dose_amount = Decimal("5")
    dose_unit = "ml"
    timing = "If temperature is above 38°C"
    min_interval_hours = Decimal("4")
    max_doses_per_day = 4
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=6))
    storage = "Medicine cupboard"
    declaration = True
    method = Method.ONLINE
    recorded_by = factory.LazyAttribute(lambda p: p.given_by)


class MedicationDoseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MedicationDose

    child = factory.LazyAttribute(lambda d: d.permission.child)
    given_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=30))
    amount = Decimal("5")
    recorded_by = factory.LazyAttribute(lambda d: d.given_by)
