"""Access-matrix rows for records and rights."""

from django.utils import timezone

from records.models import LegalHold, RightsRequest, SubjectAccessRequest
from tests.access import ONLY_MANAGER, Row, statuses
from tests.records.factories import (
    make_prepared,
    make_request,
    make_rights,
    make_waiting_run,
)


def today():
    return timezone.localdate().isoformat()


def open_request(cast):
    sar = SubjectAccessRequest.objects.filter(requester=cast.parent_a).first()
    return {"pk": (sar or make_request(cast.parent_a)).pk}


def prepared_request(cast):
    sar = SubjectAccessRequest.objects.filter(requester=cast.parent_a).first()
    return {"pk": (sar or make_prepared(cast.parent_a, cast.manager)).pk}


def delivered_request(cast):
    sar = SubjectAccessRequest.objects.filter(requester=cast.parent_a).first()
    return {"pk": (sar or make_prepared(cast.parent_a, cast.manager, delivered=True)).pk}


def hold_pk(cast):
    hold = LegalHold.objects.first() or LegalHold.objects.create(
        child=cast.child_b, reason="A claim", placed_by=cast.manager
    )
    return {"pk": hold.pk}


def run_pk(cast):
    return {"pk": make_waiting_run().pk}


def pending_rights(cast):
    rr = RightsRequest.objects.first() or make_rights(cast.child_a, cast.parent_a, cast.manager)
    return {"pk": rr.pk}


def restriction_in_force(cast):
    rr = RightsRequest.objects.first() or make_rights(
        cast.child_a, cast.parent_a, cast.manager, granted=True
    )
    return {"pk": rr.pk}


OWN = statuses(everyone=200)
OWN_NO_POST = statuses(everyone=405)
# One request of parent A: the requester, the manager and the DSL reach it.
REQUEST_READ = statuses(everyone=404, parent_a=200, parent_a_home2=404, dsl=200, manager=200)
REQUEST_NO_POST = statuses(everyone=404, parent_a=405, parent_a_home2=404, dsl=405, manager=405)
# The manager's work on it; the requester and the DSL see it but may not act.
MANAGE = statuses(everyone=404, parent_a=403, parent_a_home2=404, dsl=403, manager=200)
MANAGED = {**MANAGE, "manager": 302}
MANAGE_POST_ONLY = {**MANAGE, "manager": 405}
# The DSL's decision on child-protection material.
DSL = statuses(everyone=404, parent_a=403, parent_a_home2=404, manager=403, dsl=200)
# The pack, once delivered: the requester and the manager.
PACK = statuses(everyone=404, parent_a=200, parent_a_home2=404, dsl=403, manager=200)
PACK_NO_POST = statuses(everyone=404, parent_a=405, parent_a_home2=404, dsl=403, manager=405)
# The manager's pages.
MANAGER_NO_POST = statuses(everyone=403, manager=405)
MANAGER_DONE = statuses(everyone=403, manager=302)
# An erasure or restriction request of parent A: outside reach for other
# people (404); parent A sees it is there but these pages are the manager's.
RIGHTS = statuses(everyone=404, parent_a=403, parent_a_home2=404, manager=200)
RIGHTS_DONE = {**RIGHTS, "manager": 302}

ROWS = [
    Row("records:my_requests", get=OWN, post=OWN_NO_POST),
    Row(
        "records:ask",
        get=OWN,
        post=statuses(everyone=302),
        data=lambda cast: {"details": "Everything about my son."},
    ),
    Row("records:request_detail", get=REQUEST_READ, post=REQUEST_NO_POST, kwargs=open_request),
    Row("records:pack", get=PACK, post=PACK_NO_POST, kwargs=delivered_request),
    Row("records:pack_pdf", get=PACK, post=PACK_NO_POST, kwargs=delivered_request),
    Row("records:pack_json", get=PACK, post=PACK_NO_POST, kwargs=delivered_request),
    Row(
        "records:request_list",
        get=statuses(everyone=403, dsl=200, manager=200),
        post=statuses(everyone=403, dsl=405, manager=405),
    ),
    Row(
        "records:request_record",
        get=ONLY_MANAGER,
        post=MANAGER_DONE,
        data=lambda cast: {
            "requester": cast.parent_b.pk,
            "via": "paper",
            "received_on": today(),
            "identity_checked": "Known to staff; letter signed.",
            "details": "Copies of everything.",
        },
    ),
    Row(
        "records:request_extend",
        get=MANAGE,
        post=MANAGED,
        kwargs=open_request,
        data=lambda cast: {"months": "1", "reason": "Records from three years to read."},
    ),
    Row(
        "records:request_child_protection",
        get=DSL,
        post={**DSL, "dsl": 302},
        kwargs=open_request,
        data=lambda cast: {"decision": "none_held", "reason": "Nothing is held."},
    ),
    Row("records:request_prepare", get=MANAGE_POST_ONLY, post=MANAGED, kwargs=open_request),
    Row(
        "records:request_deliver",
        get=MANAGE_POST_ONLY,
        post=MANAGED,
        kwargs=prepared_request,
        data=lambda cast: {"method": "In the portal"},
    ),
    Row("records:retention", get=ONLY_MANAGER, post=MANAGER_NO_POST),
    Row(
        "records:retention_edit",
        get=ONLY_MANAGER,
        post=MANAGER_DONE,
        kwargs=lambda cast: {"kind": "general"},
        data=lambda cast: {"years": "4", "reason": "The local authority asks for four."},
    ),
    Row(
        "records:hold_create",
        get=ONLY_MANAGER,
        post=MANAGER_DONE,
        data=lambda cast: {"child": cast.child_a.pk, "reason": "An insurance claim."},
    ),
    Row(
        "records:hold_lift",
        get=ONLY_MANAGER,
        post=MANAGER_DONE,
        kwargs=hold_pk,
        data=lambda cast: {"reason": "The claim was settled."},
    ),
    Row("records:disposal_scan", get=MANAGER_NO_POST, post=MANAGER_DONE),
    Row("records:disposal_approve", get=MANAGER_NO_POST, post=MANAGER_DONE, kwargs=run_pk),
    Row("records:disposal_dismiss", get=MANAGER_NO_POST, post=MANAGER_DONE, kwargs=run_pk),
    Row("records:rights_list", get=ONLY_MANAGER, post=MANAGER_NO_POST),
    Row(
        "records:rights_create",
        get=ONLY_MANAGER,
        post=MANAGER_DONE,
        data=lambda cast: {
            "kind": "restriction",
            "ground": "accuracy_contested",
            "child": cast.child_a.pk,
            "requester": cast.parent_a.pk,
            "received_on": today(),
            "details": "The dates of the meetings are wrong.",
        },
    ),
    Row(
        "records:rights_detail",
        get=RIGHTS,
        post={**RIGHTS, "manager": 405},
        kwargs=pending_rights,
    ),
    Row(
        "records:rights_decide",
        get=RIGHTS,
        post=RIGHTS_DONE,
        kwargs=pending_rights,
        data=lambda cast: {"decision": "refused", "reason": "The dates are right."},
    ),
    Row(
        "records:rights_lift",
        get=RIGHTS,
        post=RIGHTS_DONE,
        kwargs=restriction_in_force,
        data=lambda cast: {"reason": "The dates were checked."},
    ),
]
