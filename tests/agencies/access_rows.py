"""Access-matrix rows for the agencies app.

Restricted pages (the sharing log, third-party information, visits) answer
404 to everyone but child A's key person, the DSL and the manager: her own
parent and other practitioners included (see agencies/rules.py).
"""

from datetime import timedelta

from django.utils import timezone

from agencies.models import Agency, OnwardConsent, SharingDecision, SupervisedVisit
from agencies.models import ThirdPartyInformation as Item
from tests.access import ONLY_MANAGER, Row, statuses
from tests.agencies.factories import (
    AgencyFactory,
    OnwardConsentFactory,
    SharingDecisionFactory,
    SupervisedVisitFactory,
    ThirdPartyInformationFactory,
)


def agency(cast):
    found = Agency.objects.filter(name="Matrix Family Hub").first()
    return found or AgencyFactory(name="Matrix Family Hub")


def agency_kwargs(cast):
    return {"pk": agency(cast).pk}


def child_a(cast):
    # The forms below choose this agency: make it before the request.
    agency(cast)
    return {"child_pk": cast.child_a.pk}


def item(cast):
    found = Item.objects.filter(child=cast.child_a).first()
    return found or ThirdPartyInformationFactory(
        child=cast.child_a, agency=agency(cast), recorded_by=cast.key_person
    )


def decision_kwargs(cast):
    found = SharingDecision.objects.filter(child=cast.child_a).first()
    found = found or SharingDecisionFactory(
        child=cast.child_a, agency=agency(cast), decided_by=cast.key_person
    )
    return {"pk": found.pk}


def consent_kwargs(cast):
    found = OnwardConsent.objects.filter(item__child=cast.child_a).first()
    found = found or OnwardConsentFactory(item=item(cast), recorded_by=cast.key_person)
    return {"pk": found.pk}


def visit_kwargs(cast):
    found = SupervisedVisit.objects.filter(child=cast.child_a).first()
    found = found or SupervisedVisitFactory(
        child=cast.child_a, agency=agency(cast), supervised_by=cast.key_person
    )
    return {"pk": found.pk}


def today():
    return timezone.localdate().isoformat()


def agency_data(cast):
    return {
        "name": "Matrix Family Hub",
        "kind": "family_support",
        "is_local": "on",
        "offers": "Stay and play, parenting groups.",
        "phone": "01632 960555",
        "listed_for_families": "on",
        "review_interval_months": "12",
        "is_active": "on",
    }


def sharing_data(cast):
    return {
        "shared": "yes",
        "agency": str(Agency.objects.get(name="Matrix Family Hub").pk),
        "agency_contact": "Jo Health, health visitor",
        "information": "Speech assessment results",
        "purpose": "Referral",
        "consent": "given",
        "decided_by": str(cast.key_person.pk),
        "decided_on": today(),
        "method": "secure_email",
    }


def third_party_data(cast):
    return {
        "agency": str(Agency.objects.get(name="Matrix Family Hub").pk),
        "given_by": "Jo Health",
        "received_on": today(),
        "title": "Hearing test",
        "content": "Results of the hearing test.",
    }


def visit_data(cast):
    now = timezone.localtime()
    return {
        "agency": str(Agency.objects.get(name="Matrix Family Hub").pk),
        "visitor_name": "Val Visitor",
        "visitor_role": "Therapist",
        "identity_checked": "on",
        "identity_evidence": "Badge seen",
        "purpose": "Observation",
        "arrived_at": (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "left_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "supervised_by": str(cast.key_person.pk),
        "supervised_throughout": "on",
    }


EVERYONE_READS = statuses(everyone=200)
EVERYONE_405 = statuses(everyone=405)
DIRECTORY_WRITERS = statuses(everyone=403, dsl=200, manager=200)
DIRECTORY_WRITTEN = statuses(everyone=403, dsl=302, manager=302)
# Restricted material about child A: 404 for all but the circle.
RESTRICTED = statuses(everyone=404, key_person=200, dsl=200, manager=200)
RESTRICTED_SAVED = statuses(everyone=404, key_person=302, dsl=302, manager=302)
RESTRICTED_405 = statuses(everyone=404, key_person=405, dsl=405, manager=405)

ROWS = [
    Row("agencies:directory", get=EVERYONE_READS, post=EVERYONE_405),
    Row(
        "agencies:agency_create",
        get=DIRECTORY_WRITERS,
        post=DIRECTORY_WRITTEN,
        data=lambda cast: {**agency_data(cast), "name": "New Hub"},
    ),
    Row("agencies:agency_detail", get=EVERYONE_READS, post=EVERYONE_405, kwargs=agency_kwargs),
    Row(
        "agencies:agency_edit",
        get=DIRECTORY_WRITERS,
        post=DIRECTORY_WRITTEN,
        kwargs=agency_kwargs,
        data=agency_data,
    ),
    Row(
        "agencies:contact_create",
        get=DIRECTORY_WRITERS,
        post=DIRECTORY_WRITTEN,
        kwargs=agency_kwargs,
        data=lambda cast: {"name": "Jo Health", "job_title": "Health visitor"},
    ),
    Row(
        "agencies:review_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        kwargs=agency_kwargs,
        data=lambda cast: {
            "reviewed_on": today(),
            "agreed": "Termly meetings.",
            "next_review_due": (timezone.localdate() + timedelta(days=365)).isoformat(),
        },
    ),
    Row("agencies:reviews_due", get=ONLY_MANAGER, post=statuses(everyone=403, manager=405)),
    Row(
        "agencies:signpost_create",
        get=statuses(
            parents=404, parent_a=403, practitioner=403, key_person=200, dsl=200, manager=200
        ),
        post=statuses(
            parents=404, parent_a=403, practitioner=403, key_person=302, dsl=302, manager=302
        ),
        kwargs=child_a,
        data=lambda cast: {
            "agency": str(Agency.objects.get(name="Matrix Family Hub").pk),
            "signposted_on": today(),
            "given_to": str(cast.parent_a.pk),
            "given_to_family": "Leaflet",
            "reason": "Asked about groups",
        },
    ),
    Row("agencies:child_records", get=RESTRICTED, post=RESTRICTED_405, kwargs=child_a),
    Row(
        "agencies:sharing_create",
        get=RESTRICTED,
        post=RESTRICTED_SAVED,
        kwargs=child_a,
        data=sharing_data,
    ),
    Row("agencies:sharing_detail", get=RESTRICTED, post=RESTRICTED_405, kwargs=decision_kwargs),
    Row(
        "agencies:third_party_create",
        get=RESTRICTED,
        post=RESTRICTED_SAVED,
        kwargs=child_a,
        data=third_party_data,
    ),
    Row(
        "agencies:third_party_detail",
        get=RESTRICTED,
        post=RESTRICTED_SAVED,
        kwargs=lambda cast: {"pk": item(cast).pk},
        data=lambda cast: {"recipient": "parents", "given_by": "Jo Health", "given_on": today()},
    ),
    Row(
        "agencies:consent_withdraw",
        get=RESTRICTED_405,
        post=RESTRICTED_SAVED,
        kwargs=consent_kwargs,
    ),
    Row(
        "agencies:visit_create",
        get=RESTRICTED,
        post=RESTRICTED_SAVED,
        kwargs=child_a,
        data=visit_data,
    ),
    Row("agencies:visit_detail", get=RESTRICTED, post=RESTRICTED_405, kwargs=visit_kwargs),
]
