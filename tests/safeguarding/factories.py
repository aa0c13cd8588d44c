"""Factories for the safeguarding app."""

from datetime import timedelta

import factory
from django.utils import timezone

from safeguarding.models import (
    Concern,
    Decision,
    Outcome,
    Referral,
    SafeguardingStatus,
    StatusKind,
)
from tests.agencies.factories import AgencyFactory, SharingDecisionFactory
from tests.factories import ChildFactory, PractitionerFactory


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    child = factory.SubFactory(ChildFactory)
    observed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    what_happened = "SECRET-CONCERN: a bruise on the left arm at drop-off"
    child_words = "Daddy squeezed me."
    body_area = "arms"
    action_taken = "Listened and told the DSL."
    recorded_by = factory.SubFactory(PractitionerFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    concern = factory.SubFactory(ConcernFactory)
    outcome = Outcome.MONITOR
    reason = "SECRET-DECISION: watch for a pattern"
    decided_by = factory.SubFactory(PractitionerFactory, is_dsl=True)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    concern = factory.SubFactory(ConcernFactory)
    agency = factory.SubFactory(AgencyFactory)
    contact = "Duty social worker"
    reference = "CSC-1"
    made_on = factory.LazyFunction(timezone.localdate)
    made_by = factory.SubFactory(PractitionerFactory, is_dsl=True)
    sharing = factory.LazyAttribute(
        lambda o: SharingDecisionFactory(
            child=o.concern.child, agency=o.agency, decided_by=o.made_by, decided_on=o.made_on
        )
    )


class StatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafeguardingStatus

    child = factory.SubFactory(ChildFactory)
    kind = StatusKind.CP_PLAN
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    recorded_by = factory.SubFactory(PractitionerFactory, is_dsl=True)
