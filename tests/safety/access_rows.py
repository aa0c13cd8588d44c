"""Access-matrix rows for the safety app (and the medication incident in consents)."""

from datetime import timedelta

from django.utils import timezone

from families.models import ParentLink
from safety.services import written_digest
from tests.access import ONLY_MANAGER, STAFF, Row, statuses
from tests.safety.factories import (
    AccidentFactory,
    AttendanceFactory,
    CollectionNoticeFactory,
    CollectorFactory,
    HealthAlertFactory,
    MustNotCollectFactory,
    NotificationClockFactory,
    RefusedCollectionFactory,
)

# Family A's child: her linked parent and every member of staff; other parents 404.
CHILD_A_READ = statuses(parents=404, parent_a=200, staff=200)
CHILD_A_NO_POST = statuses(parents=404, parent_a=405, staff=405)
# The family and the staff who write for child A (key person, DSL, manager).
FAMILY_AND_WRITERS = statuses(parents=404, parent_a=200, staff=200, practitioner=403)
FAMILY_AND_WRITERS_POST = statuses(parents=404, parent_a=302, staff=302, practitioner=403)
FAMILY_AND_WRITERS_ONLY_POST = statuses(parents=404, parent_a=405, staff=405, practitioner=403)
# Restricted writers: key person, DSL, manager.
RESTRICTED = statuses(parents=404, parent_a=403, staff=200, practitioner=403)
RESTRICTED_POST = statuses(parents=404, parent_a=403, staff=302, practitioner=403)
RESTRICTED_ONLY_POST = statuses(parents=404, parent_a=403, staff=405, practitioner=403)
# Every member of staff, on child A.
STAFF_ON_CHILD_A = statuses(parents=404, parent_a=403, staff=200)
STAFF_ON_CHILD_A_POST = statuses(parents=404, parent_a=403, staff=302)
STAFF_ON_CHILD_A_ONLY_POST = statuses(parents=404, parent_a=403, staff=405)
FAMILY_AND_STAFF_POST = statuses(parents=404, parent_a=302, staff=302)
STAFF_NO_POST = statuses(parents=403, staff=405)
MANAGER_POST = statuses(everyone=403, manager=302)
MANAGER_ONLY_POST = statuses(everyone=403, manager=405)


def child_a(cast):
    return {"pk": cast.child_a.pk}


def alert_of_child_a(cast):
    alert = HealthAlertFactory(child=cast.child_a, changed_by=cast.parent_a, seen_at=None)
    return {"pk": cast.child_a.pk, "alert_pk": alert.pk}


def written_allergies_of_child_a(cast):
    details = cast.child_a.details
    details.allergies = "Peanuts and sesame"
    details.save()
    HealthAlertFactory(child=cast.child_a, what="Peanuts")
    HealthAlertFactory(child=cast.child_a, what="Sesame")
    return {"pk": cast.child_a.pk, "field": "allergies"}


def collector_of_child_a(cast):
    collector = CollectorFactory(child=cast.child_a, added_by=cast.parent_a)
    return {"pk": cast.child_a.pk, "collector_pk": collector.pk}


def restriction_on_child_a(cast):
    entry = MustNotCollectFactory(child=cast.child_a, recorded_by=cast.manager)
    return {"pk": cast.child_a.pk, "entry_pk": entry.pk}


def notice_of_parent_a(cast):
    notice = CollectionNoticeFactory(child=cast.child_a, told_by=cast.parent_a)
    return {"pk": cast.child_a.pk, "notice_pk": notice.pk}


def child_a_signed_in(cast):
    AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)
    return child_a(cast)


def accident_of_child_a(cast):
    accident = AccidentFactory(child=cast.child_a, recorded_by=cast.key_person)
    return {"pk": accident.pk}


def clock_of_child_a(cast):
    clock = NotificationClockFactory(
        accident=AccidentFactory(child=cast.child_a, serious=True, recorded_by=cast.key_person)
    )
    return {"pk": clock.pk}


def attempt_on_child_a(cast):
    return {"kind": "attempt", "pk": RefusedCollectionFactory(child=cast.child_a).pk}


def review_of_accident(cast):
    return {"kind": "accident", **accident_of_child_a(cast)}


def now_local(delta=timedelta()):
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def alert_data(cast):
    return {
        "kind": "allergy",
        "what": "Sesame",
        "severity": "severe",
        "what_to_do": "Antihistamine, call the parent.",
    }


def accident_data(cast):
    return {
        "kind": "accident",
        "occurred_at": now_local(-timedelta(minutes=20)),
        "location": "Garden",
        "what_happened": "Slipped on the wet grass.",
        "injury": "graze",
        "body_area": "hand",
        "first_aid": "Cleaned and a plaster",
        "first_aid_by": str(cast.key_person.pk),
    }


def sign_out_data(cast):
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    return {"at": now_local(), "who": f"parent:{link.pk}"}


ROWS = [
    Row("safety:child", get=CHILD_A_READ, post=CHILD_A_NO_POST, kwargs=child_a),
    Row(
        "safety:alert_create",
        get=FAMILY_AND_WRITERS,
        post=FAMILY_AND_WRITERS_POST,
        kwargs=child_a,
        data=alert_data,
    ),
    Row(
        "safety:alert_edit",
        get=FAMILY_AND_WRITERS,
        post=FAMILY_AND_WRITERS_POST,
        kwargs=alert_of_child_a,
        data=alert_data,
    ),
    Row(
        "safety:alert_end",
        get=FAMILY_AND_WRITERS_ONLY_POST,
        post=FAMILY_AND_WRITERS_POST,
        kwargs=alert_of_child_a,
    ),
    Row(
        "safety:alert_seen",
        get=STAFF_ON_CHILD_A_ONLY_POST,
        post=STAFF_ON_CHILD_A_POST,
        kwargs=alert_of_child_a,
    ),
    Row(
        "safety:written_health_dealt_with",
        get=RESTRICTED_ONLY_POST,
        post=RESTRICTED_POST,
        kwargs=written_allergies_of_child_a,
        data=lambda cast: {"seen": written_digest("Peanuts and sesame")},
    ),
    Row(
        "safety:collector_create",
        get=FAMILY_AND_WRITERS,
        post=FAMILY_AND_WRITERS_POST,
        kwargs=child_a,
        data=lambda cast: {"name": "Gran", "relationship": "Grandmother", "phone": "07700 900111"},
    ),
    Row(
        "safety:collector_remove",
        get=FAMILY_AND_WRITERS_ONLY_POST,
        post=FAMILY_AND_WRITERS_POST,
        kwargs=collector_of_child_a,
    ),
    Row(
        "safety:password",
        get=FAMILY_AND_WRITERS,
        post=FAMILY_AND_WRITERS_POST,
        kwargs=child_a,
        data=lambda cast: {"password": "blue giraffe"},
    ),
    Row(
        "safety:must_not_collect_create",
        get=RESTRICTED,
        post=RESTRICTED_POST,
        kwargs=child_a,
        data=lambda cast: {"name": "Rory Ashworth", "basis": "court_order", "detail": "Order"},
    ),
    Row(
        "safety:must_not_collect_end",
        get=RESTRICTED_ONLY_POST,
        post=RESTRICTED_POST,
        kwargs=restriction_on_child_a,
    ),
    Row(
        "safety:collecting_today",
        get=CHILD_A_READ,
        post=FAMILY_AND_STAFF_POST,
        kwargs=child_a,
        data=lambda cast: {
            "on": timezone.localdate().isoformat(),
            "name": "Sam Friend",
            "relationship": "Family friend",
            "phone": "07700 900777",
        },
    ),
    Row(
        "safety:collecting_withdraw",
        get=CHILD_A_NO_POST,
        # Parent A's own notice: hers and staff's to withdraw; the other home
        # does not read it (404).
        post=statuses(parents=404, parent_a=302, parent_a_home2=404, staff=302),
        kwargs=notice_of_parent_a,
    ),
    Row(
        "safety:sign_in",
        get=STAFF_ON_CHILD_A,
        post=STAFF_ON_CHILD_A_POST,
        kwargs=child_a,
        data=lambda cast: {"at": now_local(), "brought_by": "Mum"},
    ),
    Row(
        "safety:sign_out",
        get=STAFF_ON_CHILD_A,
        post=STAFF_ON_CHILD_A_POST,
        kwargs=child_a_signed_in,
        data=sign_out_data,
    ),
    Row(
        "safety:accident_create",
        get=STAFF_ON_CHILD_A,
        post=STAFF_ON_CHILD_A_POST,
        kwargs=child_a,
        data=accident_data,
    ),
    Row("safety:boards", get=STAFF, post=STAFF_NO_POST),
    Row(
        "safety:board",
        get=STAFF,
        post=STAFF_NO_POST,
        kwargs=lambda cast: {"pk": cast.child_a.room_id},
    ),
    Row("safety:register", get=STAFF, post=STAFF_NO_POST),
    Row("safety:register_print", get=STAFF, post=STAFF_NO_POST),
    Row("safety:accidents", get=STAFF, post=STAFF_NO_POST),
    Row(
        "safety:accident_detail",
        get=CHILD_A_READ,
        post=CHILD_A_NO_POST,
        kwargs=accident_of_child_a,
    ),
    Row(
        "safety:accident_acknowledge",
        get=statuses(parents=404, parent_a=405, staff=403),
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=accident_of_child_a,
        data=lambda cast: {"comment": "Thank you"},
    ),
    Row(
        "safety:contact_create",
        get=STAFF_ON_CHILD_A,
        post=STAFF_ON_CHILD_A_POST,
        kwargs=accident_of_child_a,
        data=lambda cast: {
            "at": now_local(),
            "contacted": "Joan Ashworth, grandmother",
            "how": "Phone call",
            "told": "Ada is on her way to hospital with Kim.",
        },
    ),
    Row("safety:reviews", get=ONLY_MANAGER, post=MANAGER_ONLY_POST),
    Row(
        "safety:review",
        get=ONLY_MANAGER,
        post=MANAGER_POST,
        kwargs=review_of_accident,
        data=lambda cast: {"note": "Step to be painted yellow."},
    ),
    Row(
        "safety:notification_done",
        get=MANAGER_ONLY_POST,
        post=MANAGER_POST,
        kwargs=clock_of_child_a,
        data=lambda cast: {"reference": "Ofsted ref 123"},
    ),
    Row(
        "safety:dsl_seen",
        get=statuses(everyone=403, dsl=405),
        post=statuses(everyone=403, dsl=302),
        kwargs=attempt_on_child_a,
    ),
]
