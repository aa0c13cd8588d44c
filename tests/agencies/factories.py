"""Factories for the agencies app."""

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agencies.models import (
    Agency,
    AgencyContact,
    AgencyKind,
    AgencyReview,
    ConsentToShare,
    OnwardConsent,
    SendMethod,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)
from tests.factories import ChildFactory, ManagerFactory, PractitionerFactory


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.FAMILY_SUPPORT
    offers = "Advice and groups for families with young children."
    phone = "01632 960500"
    email = factory.Sequence(lambda n: f"hello{n}@agency.example")
    how_to_contact = "Drop in on Tuesdays."
    protocol = "Referrals through the duty desk."
    staff_notes = "Staff note about the agency."
    next_review_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))


class AgencyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyContact

    agency = factory.SubFactory(AgencyFactory)
    name = "Sam Worker"
    job_title = "Family support worker"


class AgencyReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyReview

    agency = factory.SubFactory(AgencyFactory)
    reviewed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    reviewed_by = factory.SubFactory(ManagerFactory)
    agreed = "Keep meeting termly."
    next_review_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))


class SignpostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signpost

    child = factory.SubFactory(ChildFactory)
    agency = factory.SubFactory(AgencyFactory)
    signposted_on = factory.LazyFunction(timezone.localdate)
    given_to_family = "Leaflet with the drop-in times"
    reason = "Staff-only reason for signposting"
    signposted_by = factory.SubFactory(PractitionerFactory)


class SharingDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharingDecision

    child = factory.SubFactory(ChildFactory)
    shared = True
    agency = factory.SubFactory(AgencyFactory)
    agency_contact = "Jo Health, health visitor"
    information = "Restricted: speech concerns shared"
    purpose = "Referral for speech therapy"
    consent = ConsentToShare.GIVEN
    decided_by = factory.SubFactory(PractitionerFactory)
    decided_on = factory.LazyFunction(timezone.localdate)
    method = SendMethod.SECURE_EMAIL
    recorded_by = factory.SelfAttribute("decided_by")


class ThirdPartyInformationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThirdPartyInformation

    child = factory.SubFactory(ChildFactory)
    agency = factory.SubFactory(AgencyFactory)
    given_by = "Jo Health, health visitor"
    received_on = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Third-party title {n}")
    content = "Confidential third-party content"
    recorded_by = factory.SubFactory(PractitionerFactory)


class OnwardConsentFactory(factory.django.DjangoModelFactory):
    """Consent for the parents by default; pass recipient=<instance> for an
    organisation."""

    class Meta:
        model = OnwardConsent
        exclude = ["recipient"]

    item = factory.SubFactory(ThirdPartyInformationFactory)
    recipient = OnwardConsent.PARENTS
    recipient_kind = factory.LazyAttribute(
        lambda o: "parents" if o.recipient == OnwardConsent.PARENTS else "organisation"
    )
    recipient_type = factory.LazyAttribute(
        lambda o: (
            None
            if o.recipient == OnwardConsent.PARENTS
            else ContentType.objects.get_for_model(o.recipient)
        )
    )
    recipient_id = factory.LazyAttribute(
        lambda o: None if o.recipient == OnwardConsent.PARENTS else o.recipient.pk
    )
    given_by = "Jo Health"
    given_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(PractitionerFactory)


class SupervisedVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisedVisit

    child = factory.SubFactory(ChildFactory)
    agency = factory.SubFactory(AgencyFactory)
    visitor_name = "Val Visitor"
    visitor_role = "Speech and language therapist"
    identity_checked = True
    identity_evidence = "NHS ID badge seen"
    purpose = "Observe the child at play"
    arrived_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))
    left_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    supervised_by = factory.SubFactory(PractitionerFactory)
    notes = "Restricted visit notes"
    recorded_by = factory.SelfAttribute("supervised_by")
