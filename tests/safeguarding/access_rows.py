"""Access-matrix rows for the safeguarding app.

A concern about child A (recorded by `practitioner`, who therefore has no
other reach to it), a referral on it and a status for child A. Safeguarding
records about a child answer 404 to everyone outside the circle (child A's
key person, the DSL, the manager), her own parent and the practitioner
who recorded the concern included; the key person may read but not
decide, refer or keep the status (403).
"""

from django.utils import timezone

from agencies.models import Agency
from safeguarding.models import Concern, Referral, SafeguardingStatus
from tests.access import Row, statuses
from tests.agencies.factories import AgencyFactory
from tests.safeguarding.factories import ConcernFactory, ReferralFactory, StatusFactory


def agency(cast):
    found = Agency.objects.filter(name="Matrix Social Care").first()
    return found or AgencyFactory(name="Matrix Social Care", kind="social_care")


def concern(cast):
    found = Concern.objects.filter(child=cast.child_a).first()
    return found or ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)


def concern_kwargs(cast):
    agency(cast)
    return {"pk": concern(cast).pk}


def referral_kwargs(cast):
    found = Referral.objects.filter(concern__child=cast.child_a).first()
    found = found or ReferralFactory(concern=concern(cast), agency=agency(cast), made_by=cast.dsl)
    return {"pk": found.pk}


def status_kwargs(cast):
    found = SafeguardingStatus.objects.filter(child=cast.child_a).first()
    found = found or StatusFactory(child=cast.child_a, recorded_by=cast.dsl)
    return {"pk": found.pk}


def child_a(cast):
    return {"child_pk": cast.child_a.pk}


def today():
    return timezone.localdate().isoformat()


def concern_data(cast):
    return {
        "child": str(cast.child_a.pk),
        "observed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "what_happened": "A mark on her cheek",
        "child_words": "I fell",
        "body_area": "face",
        "action_taken": "Listened",
    }


def referral_data(cast):
    return {
        "agency": str(agency(cast).pk),
        "contact": "Duty worker",
        "reference": "R-1",
        "made_on": today(),
        "method": "phone",
        "information": "What was seen",
        "consent": "not_sought",
        "reason_without_consent": "Consent could put the child at risk.",
    }


LEADS_ONLY = statuses(everyone=403, dsl=200, manager=200)
LEADS_ONLY_405 = statuses(everyone=403, dsl=405, manager=405)
STAFF_READ = statuses(parents=403, staff=200)
STAFF_405 = statuses(parents=403, staff=405)
# About child A: the circle reads; outside it, 404.
CIRCLE = statuses(everyone=404, key_person=200, dsl=200, manager=200)
CIRCLE_405 = statuses(everyone=404, key_person=405, dsl=405, manager=405)
# About child A: the DSL and the manager write; the key person is refused.
LEADS_WRITE_GET = statuses(everyone=404, key_person=403, dsl=200, manager=200)
LEADS_WRITE_POST = statuses(everyone=404, key_person=403, dsl=302, manager=302)

ROWS = [
    Row(
        "safeguarding:concern_create",
        get=STAFF_READ,
        post=statuses(parents=403, staff=302),
        data=concern_data,
    ),
    Row("safeguarding:my_concerns", get=STAFF_READ, post=STAFF_405),
    Row("safeguarding:concern_list", get=LEADS_ONLY, post=LEADS_ONLY_405),
    Row("safeguarding:concern_detail", get=CIRCLE, post=CIRCLE_405, kwargs=concern_kwargs),
    Row(
        "safeguarding:decision_create",
        get=LEADS_WRITE_GET,
        post=LEADS_WRITE_POST,
        kwargs=concern_kwargs,
        data=lambda cast: {"outcome": "monitor", "reason": "Watch for a pattern"},
    ),
    Row(
        "safeguarding:referral_create",
        get=LEADS_WRITE_GET,
        post=LEADS_WRITE_POST,
        kwargs=concern_kwargs,
        data=referral_data,
    ),
    Row("safeguarding:referral_list", get=LEADS_ONLY, post=LEADS_ONLY_405),
    Row("safeguarding:cp_tasks_due", get=LEADS_ONLY, post=LEADS_ONLY_405),
    Row(
        "safeguarding:referral_detail",
        get=CIRCLE,
        post=statuses(everyone=404, key_person=403, dsl=302, manager=302),
        kwargs=referral_kwargs,
        data=lambda cast: {"outcome": "Plan agreed", "outcome_on": today()},
    ),
    Row("safeguarding:status_children", get=LEADS_ONLY, post=LEADS_ONLY_405),
    Row("safeguarding:child", get=CIRCLE, post=CIRCLE_405, kwargs=child_a),
    Row(
        "safeguarding:status_create",
        get=LEADS_WRITE_GET,
        post=LEADS_WRITE_POST,
        kwargs=child_a,
        data=lambda cast: {"kind": "child_in_need", "started_on": today()},
    ),
    Row(
        "safeguarding:status_end",
        get=statuses(everyone=404, key_person=403, dsl=405, manager=405),
        post=LEADS_WRITE_POST,
        kwargs=status_kwargs,
        data=lambda cast: {"ended_on": today()},
    ),
    Row("safeguarding:chronology", get=CIRCLE, post=CIRCLE_405, kwargs=child_a),
    Row("safeguarding:chronology_pdf", get=CIRCLE, post=CIRCLE_405, kwargs=child_a),
    Row("safeguarding:audit", get=LEADS_ONLY, post=LEADS_ONLY_405),
]
