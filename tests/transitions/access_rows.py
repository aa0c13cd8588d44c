"""Access-matrix rows for the transitions app."""

from datetime import timedelta

from django.utils import timezone

from tests.access import ONLY_MANAGER, STAFF, Row, statuses
from tests.transitions.factories import (
    EventFactory,
    HandoverFactory,
    MoveFactory,
    SchoolFactory,
    TransferFactory,
    next_september,
)


def school(cast):
    return SchoolFactory(name="Riverside Primary School")


def school_pk(cast):
    return {"pk": school(cast).pk}


def move_a(cast):
    return MoveFactory(child=cast.child_a, school=school(cast), created_by=cast.key_person)


def move_pk(cast):
    return {"pk": move_a(cast).pk}


def transfer_pk(cast):
    transfer = cast.child_a.school_transfers.first() or TransferFactory(
        child=cast.child_a, school=school(cast), prepared_by=cast.key_person
    )
    return {"pk": transfer.pk}


def handover_pk(cast):
    handover = cast.child_a.cp_handovers.first() or HandoverFactory(
        child=cast.child_a, school=school(cast), handed_by=cast.dsl
    )
    return {"pk": handover.pk}


def child_a(cast):
    school(cast)  # made before the request, so that the POST data can name it
    return {"child_pk": cast.child_a.pk}


def leaving_child_a(cast):
    cast.child_a.leaving_on = timezone.localdate() + timedelta(days=60)
    cast.child_a.save()
    return {"child_pk": cast.child_a.pk}


def today():
    return timezone.localdate().isoformat()


SCHOOL_DATA = {
    "name": "Hillside Primary",
    "email": "office@hillside.example",
    "review_interval_months": "12",
}
# Staff read schools; parents never reach them (404); the manager keeps them.
SCHOOL_READ = statuses(parents=404, staff=200)
SCHOOL_WRITE = statuses(parents=404, staff=403, manager=200)
# A child A record: parent A reads, other parents get 404.
CHILD_A_READ = statuses(parents=404, parent_a=200, staff=200)
CHILD_A_NO_POST = statuses(parents=404, parent_a=405, staff=405)
# Planning and the pack: the key person, the DSL and the manager.
PLAN = statuses(parents=404, parent_a=403, staff=200, practitioner=403)
PLANNED = {**PLAN, "key_person": 302, "dsl": 302, "manager": 302}
# The pack may hold third-party information: the key person, the DSL and the
# manager read it; other practitioners may not.
STAFF_PACK = statuses(parents=404, parent_a=403, staff=200, practitioner=403)
STAFF_PACK_NO_POST = statuses(parents=404, parent_a=403, staff=405, practitioner=403)
LEAVER_READ = statuses(parents=404, parent_a=200, staff=200, practitioner=403)
LEAVER_NO_POST = statuses(parents=404, parent_a=405, staff=405, practitioner=403)
# The child-protection file: the DSL records, the manager reads, nobody else sees it.
CP_READ = statuses(parents=404, staff=404, dsl=200, manager=200)
CP_WRITE = statuses(parents=404, staff=404, dsl=200, manager=403)
CP_ON_CHILD = statuses(parents=404, parent_a=403, staff=403, dsl=200)

ROWS = [
    Row("transitions:school_list", get=STAFF, post=statuses(parents=403, staff=405)),
    Row(
        "transitions:school_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: SCHOOL_DATA,
    ),
    Row(
        "transitions:school_detail",
        get=SCHOOL_READ,
        post=statuses(parents=404, staff=405),
        kwargs=school_pk,
    ),
    Row(
        "transitions:school_edit",
        get=SCHOOL_WRITE,
        post={**SCHOOL_WRITE, "manager": 302},
        kwargs=school_pk,
        data=lambda cast: {**SCHOOL_DATA, "name": "Riverside Primary", "is_active": "on"},
    ),
    Row(
        "transitions:contact_create",
        get=SCHOOL_WRITE,
        post={**SCHOOL_WRITE, "manager": 302},
        kwargs=school_pk,
        data=lambda cast: {"name": "Mrs Okafor", "role": "Reception teacher"},
    ),
    Row(
        "transitions:activity_create",
        get=SCHOOL_WRITE,
        post={**SCHOOL_WRITE, "manager": 302},
        kwargs=school_pk,
        data=lambda cast: {
            "kind": "moderation",
            "happened_on": today(),
            "description": "Moderated journals",
        },
    ),
    Row(
        "transitions:review_create",
        get=SCHOOL_WRITE,
        post={**SCHOOL_WRITE, "manager": 302},
        kwargs=school_pk,
        data=lambda cast: {
            "reviewed_on": today(),
            "summary": "Working well",
            "next_review_due": (timezone.localdate() + timedelta(days=365)).isoformat(),
        },
    ),
    Row("transitions:move_list", get=STAFF, post=statuses(parents=403, staff=405)),
    Row(
        "transitions:move_create",
        get=PLAN,
        post=PLANNED,
        kwargs=child_a,
        data=lambda cast: {"school": school(cast).pk, "starts_on": next_september().isoformat()},
    ),
    Row("transitions:move_detail", get=CHILD_A_READ, post=CHILD_A_NO_POST, kwargs=move_pk),
    Row(
        "transitions:move_edit",
        get=PLAN,
        post=PLANNED,
        kwargs=move_pk,
        data=lambda cast: {
            "school": school(cast).pk,
            "starts_on": next_september().isoformat(),
            "class_name": "Robins",
        },
    ),
    Row(
        "transitions:event_create",
        get=PLAN,
        post=PLANNED,
        kwargs=move_pk,
        data=lambda cast: {"kind": "child_visit", "planned_on": today()},
    ),
    Row(
        "transitions:event_outcome",
        get=PLAN,
        post=PLANNED,
        kwargs=lambda cast: {
            "pk": move_a(cast).pk,
            "event_pk": (move_a(cast).events.first() or EventFactory(move=move_a(cast))).pk,
        },
        data=lambda cast: {"outcome": "Went well"},
    ),
    Row(
        "transitions:view_create",
        get=statuses(parents=404, parent_a=200, staff=403),
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=move_pk,
        data=lambda cast: {"views": "She is excited."},
    ),
    Row(
        "transitions:move_summary",
        get=PLAN,
        post=PLANNED,
        kwargs=move_pk,
        data=lambda cast: {"literacy": "Writes her name."},
    ),
    Row(
        "transitions:transfer_prepare",
        get=PLAN,
        # An empty POST prepares nothing: the form is shown again.
        post={**PLAN, "key_person": 200, "dsl": 200, "manager": 200},
        kwargs=move_pk,
    ),
    Row("transitions:transfer_list", get=STAFF, post=statuses(parents=403, staff=405)),
    Row(
        "transitions:transfer_detail",
        get=CHILD_A_READ,
        post=CHILD_A_NO_POST,
        kwargs=transfer_pk,
    ),
    # The child's parents/carers read the pack they are asked to consent to.
    Row(
        "transitions:transfer_pack",
        get=statuses(parents=404, parent_a=200, staff=200, practitioner=403),
        post=statuses(parents=404, parent_a=405, staff=405, practitioner=403),
        kwargs=transfer_pk,
    ),
    # Changing what a pack holds (the summary stays) asks the parents again.
    Row(
        "transitions:transfer_change",
        get=PLAN,
        post=PLANNED,
        kwargs=transfer_pk,
        data=lambda cast: {"prepare": "True"},
    ),
    Row(
        "transitions:transfer_pdf",
        get=STAFF_PACK,
        post=STAFF_PACK_NO_POST,
        kwargs=transfer_pk,
    ),
    Row(
        "transitions:transfer_consent",
        get=statuses(parents=404, parent_a=405, staff=403),
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=transfer_pk,
        data=lambda cast: {
            "confirm": "on",
            "version": cast.child_a.school_transfers.get().sections_version,
        },
    ),
    Row(
        "transitions:transfer_consent_withdraw",
        get=statuses(parents=404, parent_a=405, staff=403),
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=transfer_pk,
    ),
    # Without the parent's consent in the consents record, sending is
    # refused on the form (200) and nothing changes.
    Row(
        "transitions:transfer_sent",
        get=PLAN,
        post=PLAN,
        kwargs=transfer_pk,
        data=lambda cast: {"sent_on": today(), "sent_method": "secure_email", "sent_to": "Head"},
    ),
    Row(
        "transitions:transfer_received",
        get=PLAN,
        post=PLAN,
        kwargs=transfer_pk,
        data=lambda cast: {"received_on": today(), "received_by": "Head"},
    ),
    Row(
        "transitions:handover_list",
        get=statuses(everyone=403, dsl=200, manager=200),
        post=statuses(everyone=403, dsl=405, manager=405),
    ),
    Row(
        "transitions:handover_create",
        get=CP_ON_CHILD,
        post={**CP_ON_CHILD, "dsl": 302},
        kwargs=child_a,
        data=lambda cast: {
            "school": school(cast).pk,
            "sent_on": today(),
            "method": "in_person",
            "sent_to": "Mrs Okafor, DSL",
        },
    ),
    Row(
        "transitions:handover_detail",
        get=CP_READ,
        post={**CP_READ, "dsl": 405, "manager": 405},
        kwargs=handover_pk,
    ),
    Row(
        "transitions:handover_receipt",
        get=CP_WRITE,
        post={**CP_WRITE, "dsl": 302},
        kwargs=handover_pk,
        data=lambda cast: {"received_on": today(), "received_by": "Mrs Okafor"},
    ),
    Row(
        "transitions:leaver_records",
        get=LEAVER_READ,
        post=LEAVER_NO_POST,
        kwargs=leaving_child_a,
    ),
    Row(
        "transitions:leaver_records_pdf",
        get=LEAVER_READ,
        post=LEAVER_NO_POST,
        kwargs=leaving_child_a,
    ),
]
