"""Factories for schools, moves to school and transfers."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from tests.factories import ChildFactory, ManagerFactory
from transitions.models import (
    ChildProtectionHandover,
    Move,
    MoveEvent,
    ParentView,
    PartnershipActivity,
    School,
    Transfer,
    TransferSummary,
)


def next_september():
    today = timezone.localdate()
    return date(today.year + (1 if today.month >= 9 else 0), 9, 3)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"School number {n}")
    email = "office@school.example"
    next_review_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipActivity

    school = factory.SubFactory(SchoolFactory)
    kind = PartnershipActivity.Kind.VISIT
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    description = "A visit"
    recorded_by = factory.SubFactory(ManagerFactory)


class MoveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Move
        django_get_or_create = ["child"]

    child = factory.SubFactory(ChildFactory)
    school = factory.SubFactory(SchoolFactory)
    starts_on = factory.LazyFunction(next_september)
    created_by = factory.SubFactory(ManagerFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MoveEvent

    move = factory.SubFactory(MoveFactory)
    kind = MoveEvent.Kind.CHILD_VISITS_SCHOOL
    planned_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    created_by = factory.SelfAttribute("move.created_by")


class SummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferSummary
        django_get_or_create = ["move"]

    move = factory.SubFactory(MoveFactory)
    communication_language = "Talks in full sentences about dinosaurs."
    school_should_know = "Likes a quiet corner after lunch."
    updated_by = factory.SelfAttribute("move.created_by")


class ParentViewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentView

    move = factory.SubFactory(MoveFactory)
    views = "Looking forward to big school."


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    child = factory.SubFactory(ChildFactory)
    school = factory.SubFactory(SchoolFactory)
    sections = factory.LazyFunction(lambda: ["transitions.summary"])
    prepared_by = factory.SubFactory(ManagerFactory)
    prepared_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))

    class Params:
        # A pack sent by post three days ago, by whoever prepared it.
        sent = factory.Trait(
            sent_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3)),
            sent_method="post",
            sent_to="Office",
            sent_by=factory.SelfAttribute("prepared_by"),
        )


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildProtectionHandover

    child = factory.SubFactory(ChildFactory)
    school = factory.SubFactory(SchoolFactory)
    sent_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    method = ChildProtectionHandover.Method.IN_PERSON
    sent_to = "The school's DSL"
    handed_by = factory.SubFactory(ManagerFactory)
