"""Factories for the setting's own records."""

from datetime import timedelta

import factory
from django.utils import timezone

from nursery.setting.models import (
    Announcement,
    CommunicationNeeds,
    Complaint,
    Consultation,
    ConsultationOption,
    ConsultationResponse,
    Event,
    EventSignup,
    Policy,
    PolicyAcknowledgement,
    Suggestion,
)
from tests.factories import ManagerFactory, ParentFactory


def today():
    return timezone.localdate()


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    title = factory.Sequence(lambda n: f"Policy {n}")
    category = Policy.Category.HEALTH
    body = "When your child is unwell, please keep them at home."
    last_reviewed_on = factory.LazyFunction(lambda: today() - timedelta(days=30))
    next_review_due = factory.LazyFunction(lambda: today() + timedelta(days=335))
    requires_acknowledgement = True


class PolicyAcknowledgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyAcknowledgement

    policy = factory.SubFactory(PolicyFactory)
    parent = factory.SubFactory(ParentFactory)
    version = factory.SelfAttribute("policy.version")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Stay and play {n}")
    kind = Event.Kind.STAY_AND_PLAY
    room = None
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    created_by = factory.SubFactory(ManagerFactory)


class EventSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSignup

    event = factory.SubFactory(EventFactory)
    parent = factory.SubFactory(ParentFactory)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Opening hours {n}")
    question = "Should we open at 7.30?"
    opens_on = factory.LazyFunction(lambda: today() - timedelta(days=2))
    closes_on = factory.LazyFunction(lambda: today() + timedelta(days=14))
    created_by = factory.SubFactory(ManagerFactory)

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create:
            for i, text in enumerate(extracted or ["Yes", "No"]):
                ConsultationOption.objects.create(consultation=self, text=text, order=i)


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation = factory.SubFactory(ConsultationFactory)
    parent = factory.SubFactory(ParentFactory)
    option = factory.LazyAttribute(lambda o: o.consultation.options.first())
    comment = ""


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    parent = factory.SubFactory(ParentFactory)
    body = factory.Sequence(lambda n: f"Suggestion number {n}")


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    complainant = factory.SubFactory(ParentFactory)
    complainant_name = factory.LazyAttribute(lambda o: o.complainant.full_name)
    received_via = Complaint.Via.PORTAL
    received_on = factory.LazyFunction(today)
    summary = factory.Sequence(lambda n: f"Complaint {n}")
    details = "What happened."
    recorded_by = factory.LazyAttribute(lambda o: o.complainant)


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"Announcement {n}")
    body = "News for families."
    audience = Announcement.Audience.ALL
    created_by = factory.SubFactory(ManagerFactory)


class CommunicationNeedsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationNeeds

    parent = factory.SubFactory(ParentFactory)
    preferred_language = "Polish"
    needs_interpreter = True
