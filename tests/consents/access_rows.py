"""Access-matrix rows for the consents app."""

from datetime import timedelta

from django.utils import timezone

from consents.models import Decision, MedicationDose, MedicationPermission
from tests.access import ONLY_MANAGER, STAFF, Row, statuses
from tests.consents.factories import (
    ConsentEventFactory,
    MedicationDoseFactory,
    MedicationPermissionFactory,
    purpose,
)

# Family A's child: her parent and every member of staff read; other parents 404.
CHILD_A_READ = statuses(parents=404, parent_a=200, staff=200)
CHILD_A_READ_POST = statuses(parents=404, parent_a=405, staff=405)
# Online answers: parent A only (staff record theirs elsewhere).
PARENT_A_ANSWERS = statuses(parents=404, parent_a=200, staff=403)
# Staff who write for child A: the key person, the DSL, the manager.
WRITERS_ON_CHILD_A = statuses(parents=404, parent_a=403, staff=200, practitioner=403)


def child_a(cast):
    return {"pk": cast.child_a.pk}


def photographs_for_child_a(cast):
    return {"pk": cast.child_a.pk, "type_pk": purpose("photographs").pk}


def given_photographs_for_child_a(cast):
    """Child A with photographs consent in force, so there is something to withdraw."""
    kwargs = photographs_for_child_a(cast)
    ConsentEventFactory(
        child=cast.child_a, decided_by=cast.parent_a, consent_type=purpose("photographs")
    )
    return kwargs


def calpol_for_child_a(cast):
    if not MedicationPermission.objects.filter(child=cast.child_a).exists():
        MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    return child_a(cast)


def calpol_permission_of_child_a(cast):
    calpol_for_child_a(cast)
    permission = MedicationPermission.objects.filter(child=cast.child_a).first()
    return {"pk": cast.child_a.pk, "perm_pk": permission.pk}


def dose_for_child_a(cast):
    if not MedicationDose.objects.filter(child=cast.child_a).exists():
        permission = MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
        MedicationDoseFactory(
            permission=permission, given_by=cast.key_person, witnessed_by=cast.practitioner
        )
    return {"pk": MedicationDose.objects.get(child=cast.child_a).pk}


def permission_data(cast):
    today = timezone.localdate()
    return {
        "medicine": "Amoxicillin",
        "prescribed": "on",
        "prescriber": "Dr A. Shah",
        "dose_amount": "5",
        "dose_unit": "ml",
        "timing": "At 12 noon with lunch",
        "min_interval_hours": "6",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=5)).isoformat(),
        "storage": "In the fridge",
        "declaration": "on",
        "given_by": str(cast.parent_a.pk),
        "method": "paper",
    }


def dose_data(cast):
    return {
        "medicine": "calpol",
        "given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "amount": "5",
        "given_by": str(cast.key_person.pk),
        "witnessed_by": str(cast.dsl.pk),
    }


ROWS = [
    Row(
        "consents:mine",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=405, staff=403),
    ),
    Row("consents:type_list", get=STAFF, post=statuses(parents=403, staff=405)),
    Row(
        "consents:type_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {
            "code": "sun_cream",
            "name": "Sun cream",
            "explanation": "Staff put the nursery's sun cream on your child on sunny days.",
            "renewal_months": "12",
            "is_active": "on",
            "order": "70",
        },
    ),
    Row(
        "consents:type_edit",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        kwargs=lambda cast: {"pk": purpose("photographs").pk},
        data=lambda cast: {
            "name": "Photographs for the learning record",
            "explanation": "Photographs of your child at play, kept in their learning record.",
            "staff_flag": "No photographs",
            "is_active": "on",
            "order": "40",
        },
    ),
    Row("consents:expiring", get=STAFF, post=statuses(parents=403, staff=405)),
    Row("consents:outings", get=STAFF, post=statuses(parents=403, staff=405)),
    Row("consents:child_consents", get=CHILD_A_READ, post=CHILD_A_READ_POST, kwargs=child_a),
    Row("consents:history", get=CHILD_A_READ, post=CHILD_A_READ_POST, kwargs=child_a),
    Row(
        "consents:decide",
        get=PARENT_A_ANSWERS,
        # The second home's adult has parental responsibility too: their
        # answer is recorded as well.
        post={**PARENT_A_ANSWERS, "parent_a": 302, "parent_a_home2": 302},
        kwargs=photographs_for_child_a,
        data=lambda cast: {"decision": Decision.GIVEN, "confirm": "on"},
    ),
    Row(
        "consents:withdraw",
        get=statuses(parents=404, parent_a=405, staff=403),
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=given_photographs_for_child_a,
    ),
    Row(
        "consents:record",
        get=WRITERS_ON_CHILD_A,
        post={**WRITERS_ON_CHILD_A, "key_person": 302, "dsl": 302, "manager": 302},
        kwargs=photographs_for_child_a,
        data=lambda cast: {
            "decided_by": str(cast.parent_a.pk),
            "decision": Decision.REFUSED,
            "method": "paper",
            "decided_on": timezone.localdate().isoformat(),
        },
    ),
    Row("consents:medication", get=CHILD_A_READ, post=CHILD_A_READ_POST, kwargs=child_a),
    Row(
        "consents:permission_create",
        get=statuses(parents=404, parent_a=200, staff=200, practitioner=403),
        post=statuses(parents=404, parent_a=302, staff=302, practitioner=403),
        kwargs=child_a,
        data=permission_data,
    ),
    Row(
        "consents:permission_stop",
        get=statuses(parents=404, parent_a=405, staff=405, practitioner=403),
        post=statuses(parents=404, parent_a=302, staff=302, practitioner=403),
        kwargs=calpol_permission_of_child_a,
    ),
    Row(
        "consents:dose_create",
        # Whoever is in the room gives the medicine and records it.
        get=statuses(parents=404, parent_a=403, staff=200),
        post=statuses(parents=404, parent_a=403, staff=302),
        kwargs=calpol_for_child_a,
        data=dose_data,
    ),
    Row(
        "consents:dose_acknowledge",
        get=statuses(parents=404, parent_a=405, staff=403),
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=dose_for_child_a,
    ),
    Row(
        "consents:medication_incident_create",
        # An error is recorded by whoever finds it.
        get=statuses(parents=404, parent_a=403, staff=200),
        post=statuses(parents=404, parent_a=403, staff=302),
        kwargs=child_a,
        data=lambda cast: {
            "medicine": "Calpol",
            "amount": "7.5 ml",
            "given_at": timezone.localtime(timezone.now() - timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "given_by": str(cast.key_person.pk),
            "what_went_wrong": "More than the permitted dose",
            "action_taken": "NHS 111 called",
            "parent_told_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "parent_told": "Mother, by phone",
        },
    ),
]
