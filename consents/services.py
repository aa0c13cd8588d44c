"""Reading the consent ledger, and the writes of consents and medication.

Other apps rely on `consent_is_given(*, child, code)`, `consent_state(...)`
and `consent_states(...)` (many children in a fixed number of queries).
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from consents.models import (
    EXPIRY_WARNING_DAYS,
    GIVEN_STATES,
    ConsentEvent,
    ConsentState,
    ConsentType,
    Decision,
    DecisionFacts,
    MedicationDose,
    MedicationIncident,
    MedicationPermission,
    MedicationStop,
    Method,
    State,
)
from consents.notifications import tell_family_of_dose, tell_of_decision
from families.models import Child, ParentLink
from families.models.homes import confirm_for_home
from nursery import audit
from nursery.access import get_object_for
from nursery.locking import retry_when_locked
from nursery.queries import compiled_rows
from nursery.validators import validate_not_future

# ---------------------------------------------------------------- reading


def consent_states(*, children, consent_types=None, on=None, who_decided=True):
    """{(child_id, consent_type_id): ConsentState} for every child and
    purpose given, in at most three queries whatever their number.

    With `who_decided=False` the decisions behind each state are plain
    values (`DecisionFacts`), without who made them: for a list that shows
    only the state, much quicker over many children."""
    on = on or timezone.localdate()
    child_ids = [c.pk if isinstance(c, Child) else c for c in children]
    if consent_types is None:
        consent_types = list(ConsentType.objects.active())
    if not child_ids or not consent_types:
        return {}
    child_ids = list(dict.fromkeys(child_ids))
    type_ids = list(dict.fromkeys(t.pk for t in consent_types))
    latest_rows = compiled_rows(
        "consents.latest_decisions",
        _latest_decisions,
        child_ids=child_ids,
        type_ids=type_ids,
        who_decided=who_decided,
    )
    if not who_decided:
        latest_rows = (DecisionFacts(*row) for row in latest_rows)
    latest = defaultdict(list)
    for event in latest_rows:
        latest[(event.child_id, event.consent_type_id)].append(event)
    responsible = defaultdict(list)
    if any(t.every_parent_must_answer for t in consent_types):
        links = compiled_rows("consents.responsible", _responsible, child_ids=child_ids)
        for child_id, parent_id in links:
            responsible[child_id].append(parent_id)
    return {
        (child_id, t.pk): ConsentState(
            child_id=child_id,
            consent_type=t,
            latest=latest[(child_id, t.pk)],
            responsible_ids=responsible[child_id],
            on=on,
        )
        for child_id in child_ids
        for t in consent_types
    }


def _latest_decisions(child_ids, type_ids, who_decided):
    """The latest decisions for these children and purposes: with who made
    them, or as the plain values of `DecisionFacts`."""
    latest_rows = ConsentEvent.objects.filter(
        child_id__in=child_ids, consent_type_id__in=type_ids
    ).latest_of_each()
    if who_decided:
        return latest_rows.select_related("decided_by")
    return latest_rows.order_by().values_list(*DecisionFacts.FIELDS)


def _responsible(child_ids):
    return ParentLink.objects.filter(
        child_id__in=child_ids, has_parental_responsibility=True
    ).values_list("child_id", "parent_id")


def consent_state(*, child, code=None, consent_type=None, on=None):
    """The child's current consent for one purpose (by code or type)."""
    if consent_type is None:
        consent_type = ConsentType.objects.get(code=code)
    return consent_states(children=[child], consent_types=[consent_type], on=on)[
        (child.pk, consent_type.pk)
    ]


def consent_is_given(*, child, code, on=None):
    """True when the child's current decision for the purpose `code` is
    "given", unexpired, and (where every person with parental
    responsibility must agree) given by each of them."""
    consent_type = ConsentType.objects.filter(code=code).first()
    if consent_type is None:
        return False
    return consent_state(child=child, consent_type=consent_type, on=on).is_given


def children_states(*, children, on=None):
    """Attach `child.consent_states` (a list of ConsentState, by purpose) to
    each child."""
    children = list(children)
    consent_types = compiled_rows("consents.active_types", _active_types)
    states = consent_states(children=children, consent_types=consent_types, on=on)
    for child in children:
        child.consent_states = [states[(child.pk, t.pk)] for t in consent_types]
    return children


def _active_types():
    return ConsentType.objects.active()


def expiring_consents(limit=None):
    """The consents given and expired or expiring soon, soonest first, as a
    sequence of (child, state), for the children of everyday lists (not
    those who have left, nor those whose records are restricted at the
    family's request: nothing about them can be renewed).

    Its length is known without reading any child, and each child is read
    (with its room) only when its row is asked for: the home's figure
    counts them, a page of the list reads fifty, in one query."""
    soon = timezone.localdate() + timedelta(days=EXPIRY_WARNING_DAYS)
    # The latest decisions given and ending soon, as plain values: every
    # state expired or expiring rests on one of them.
    candidates = compiled_rows("consents.expiring_candidates", _expiring_candidates, soon=soon)
    last_names, type_ids = {}, set()
    for child_id, type_id, last_name in candidates:
        last_names[child_id] = last_name
        type_ids.add(type_id)
    if not last_names:
        return ExpiringConsents([])
    consent_types = [
        t for t in compiled_rows("consents.active_types", _active_types) if t.pk in type_ids
    ]
    states = consent_states(
        children=list(last_names), consent_types=consent_types, who_decided=False
    )
    rows = [
        (child_id, state)
        for (child_id, _type_id), state in states.items()
        if state.state in {State.EXPIRED, State.EXPIRING}
    ]
    rows.sort(key=lambda r: (r[1].expires_on, last_names[r[0]], r[0]))
    return ExpiringConsents(rows[:limit] if limit else rows)


class ExpiringConsents(Sequence):
    """(child, state) for each consent to renew, the children read (with
    their rooms) only for the rows asked for, in one query for a slice."""

    def __init__(self, rows):
        self._rows = rows

    def __len__(self):
        return len(self._rows)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        one = not isinstance(index, slice)
        rows = [self._rows[index]] if one else self._rows[index]
        children = Child.objects.select_related("room").in_bulk({child_id for child_id, _ in rows})
        read = [(children[child_id], state) for child_id, state in rows]
        return read[0] if one else read


def _expiring_candidates(soon):
    return (
        ConsentEvent.objects.filter(decision=Decision.GIVEN, expires_on__lte=soon)
        .latest_of_each()
        .filter(child__in=Child.objects.current(), consent_type__in=ConsentType.objects.active())
        .order_by()
        .values_list("child_id", "consent_type_id", "child__last_name")
    )


def get_consent_type(pk):
    return get_object_or_404(ConsentType, pk=pk)


def get_dose_for(user, pk):
    """A dose about a child this person may open, else 404."""
    return get_object_for(user, MedicationDose.objects.select_related("child", "permission"), pk=pk)


def get_permission_for(user, pk, *, child):
    """A permission for this child, which the person may already open, else 404."""
    return get_object_for(
        user, MedicationPermission.objects.select_related("child"), pk=pk, child=child
    )


# ---------------------------------------------------------------- writing


def _lock_child(child):
    """Serialise writes about one child: two decisions at once queue here."""
    return Child.objects.select_for_update().get(pk=child.pk)


def _in_force_for(child, consent_type, person):
    """Whether a consent is in force that this person could withdraw."""
    if consent_type.every_parent_must_answer:
        own_latest = (
            ConsentEvent.objects.filter(child=child, consent_type=consent_type, decided_by=person)
            .order_by("-sequence")
            .first()
        )
        return own_latest is not None and own_latest.decision == Decision.GIVEN
    return consent_state(child=child, consent_type=consent_type).state in GIVEN_STATES


def _same_as_latest(*, child, consent_type, decision, decided_by, method, decided_on):
    """The latest event, if it is this very decision by this person, on this
    day and in this way (so that recording it again would say nothing new)."""
    latest = (
        ConsentEvent.objects.filter(child=child, consent_type=consent_type)
        .order_by("-sequence")
        .first()
    )
    if (
        latest is not None
        and latest.decision == decision
        and latest.decided_by_id == decided_by.pk
        and latest.method == method
        and latest.decided_on == decided_on
    ):
        return latest
    return None


def responsible_parents(child):
    """The people with parental responsibility for the child (any access)."""
    return ParentLink.objects.filter(child=child, has_parental_responsibility=True).select_related(
        "parent"
    )


@retry_when_locked
@transaction.atomic
def consent_decide(
    *,
    child,
    consent_type,
    decision,
    decided_by,
    recorded_by,
    method,
    decided_on=None,
    note="",
    confirmed_parental_responsibility=False,
    request=None,
):
    """Append one decision to the ledger and return it.

    Refuses (ValidationError) a decider without parental responsibility and
    a withdrawal of a consent that is not in force; nothing is written then.
    """
    _lock_child(child)
    today = timezone.localdate()
    decided_on = decided_on or today
    validate_not_future(decided_on, field="decided_on")
    if not ParentLink.objects.filter(
        child=child, parent=decided_by, has_parental_responsibility=True
    ).exists():
        raise ValidationError(
            {"decided_by": _("Only a person with parental responsibility can decide.")}
        )
    if (
        method == Method.ONLINE
        and decision != Decision.WITHDRAWN
        and not confirmed_parental_responsibility
    ):
        raise ValidationError(
            {"confirm": _("Please confirm that you have parental responsibility.")}
        )
    if decision == Decision.REFUSED and _in_force_for(child, consent_type, decided_by):
        # Saying no to a consent that is in force is withdrawing it.
        decision = Decision.WITHDRAWN
    if decision == Decision.WITHDRAWN:
        in_force = _in_force_for(child, consent_type, decided_by)
        if not in_force:
            raise ValidationError(
                {"decision": _("There is no consent in force to withdraw. Nothing was changed.")}
            )
    repeated = _same_as_latest(
        child=child,
        consent_type=consent_type,
        decision=decision,
        decided_by=decided_by,
        method=method,
        decided_on=decided_on,
    )
    if repeated is not None:
        # The same decision sent again (a double click, a form posted twice):
        # the ledger already says so, and it is said once.
        return repeated
    last = ConsentEvent.objects.filter(child=child, consent_type=consent_type).aggregate(
        n=Max("sequence")
    )["n"]
    event = ConsentEvent(
        child=child,
        consent_type=consent_type,
        sequence=(last or 0) + 1,
        decision=decision,
        decided_by=decided_by,
        recorded_by=recorded_by,
        method=method,
        decided_on=decided_on,
        recorded_at=timezone.now(),
        explanation_shown=consent_type.shown_explanation,
        confirmed_parental_responsibility=confirmed_parental_responsibility,
        expires_on=consent_type.expiry_from(decided_on) if decision == Decision.GIVEN else None,
        note=note,
    )
    event.save()
    tell_of_decision(event)
    audit.log(
        "consents.decision.recorded",
        actor=recorded_by,
        obj=event,
        child=child,
        request=request,
        data={
            "consent": consent_type.name,
            "consent_decision": decision,
            "consent_method": method,
        },
    )
    return event


@transaction.atomic
def consent_type_add(*, by, fields, request=None):
    """Add a consent purpose."""
    consent_type = ConsentType(**fields)
    consent_type.save()
    audit.log("consents.consent_type.created", actor=by, obj=consent_type, request=request)
    return consent_type


@transaction.atomic
def consent_type_change(*, consent_type, by, fields, request=None):
    """Change a purpose's wording or settings; decisions already made keep
    the wording they were shown."""
    consent_type = ConsentType.objects.select_for_update().get(pk=consent_type.pk)
    for name, value in fields.items():
        setattr(consent_type, name, value)
    consent_type.save()
    audit.log("consents.consent_type.changed", actor=by, obj=consent_type, request=request)
    return consent_type


@transaction.atomic
def medication_permission_give(
    *, child, by, fields, given_by=None, method=Method.PAPER, request=None
):
    """Keep a written permission for a medicine: a parent's own, online, or
    one staff copy from paper (`given_by`: the parent who signed it)."""
    _lock_child(child)
    permission = MedicationPermission(child=child, recorded_by=by, **fields)
    if by.is_setting_staff:
        permission.given_by, permission.method = given_by, method
    else:
        permission.given_by, permission.method = by, Method.ONLINE
    if not permission.declaration:
        raise ValidationError({"declaration": _("The declaration must be confirmed.")})
    if not ParentLink.objects.filter(
        child=permission.child, parent=permission.given_by, has_parental_responsibility=True
    ).exists():
        raise PermissionDenied
    permission.save()
    audit.log(
        "consents.medication_permission.given",
        actor=permission.recorded_by,
        obj=permission,
        child=permission.child,
        request=request,
        data={"medicine": permission.medicine, "consent_method": permission.method},
    )
    return permission


def permission_named(child, medicine):
    """The child's written permission for the medicine of that name (the
    latest to end), or None."""
    return (
        MedicationPermission.objects.filter(child=child, medicine__iexact=medicine.strip())
        .order_by("-ends_on")
        .first()
    )


def _matching_permission(child, medicine, day):
    same_name = list(
        MedicationPermission.objects.filter(child=child, medicine__iexact=medicine.strip())
    )
    for permission in same_name:
        if permission.is_active(day):
            return permission, same_name
    # None covers the day: the latest, so that the refusal names its dates.
    return (max(same_name, key=lambda p: p.ends_on) if same_name else None), same_name


@retry_when_locked
@transaction.atomic
def dose_record(
    *, child, medicine, given_at, amount, given_by, witnessed_by, recorded_by, note="", request=None
):
    """Record a dose given. Refused (ValidationError, by field) when it falls
    outside the child's written permission for that medicine."""
    _lock_child(child)
    if given_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"given_at": _("The time cannot be in the future.")})
    if given_by == witnessed_by:
        raise ValidationError(
            {"witnessed_by": _("Someone other than the person giving it must witness it.")}
        )
    day = timezone.localtime(given_at).date()
    permission, same_name = _matching_permission(child, medicine, day)
    if permission is None:
        raise ValidationError(
            {
                "medicine": _(
                    "There is no written permission for %(medicine)s for this child. "
                    "It must not be given."
                )
                % {"medicine": medicine}
            }
        )
    # A medicine given in error was given all the same: it counts towards
    # the time between doses and the doses of the day.
    earlier = [
        *MedicationDose.objects.filter(permission__in=same_name),
        *MedicationIncident.objects.filter(child=child).filter(
            Q(permission__in=same_name) | Q(medicine__iexact=medicine.strip())
        ),
    ]
    errors = permission.refusal_for(given_at=given_at, amount=amount, earlier_doses=earlier)
    if errors:
        raise ValidationError(errors)
    dose = MedicationDose(
        child=child,
        permission=permission,
        given_at=given_at,
        amount=amount,
        given_by=given_by,
        witnessed_by=witnessed_by,
        note=note,
        recorded_by=recorded_by,
    )
    dose.save()
    audit.log(
        "consents.dose.given",
        actor=recorded_by,
        obj=dose,
        child=child,
        request=request,
        data={"medicine": permission.medicine, "amount": amount},
    )
    # The adults who may see the child, by email at once (a safety kind).
    tell_family_of_dose(dose)
    return dose


@retry_when_locked
@transaction.atomic
def medication_permission_stop(*, permission, by, request=None):
    """Stop a permission from now: no further dose may be given under it."""
    _lock_child(permission.child)
    existing = MedicationStop.objects.filter(permission=permission).first()
    if existing is not None:
        return existing
    stop = MedicationStop(
        permission=permission,
        child=permission.child,
        stopped_by=by,
        method=Method.IN_PERSON if by.is_setting_staff else Method.ONLINE,
    )
    stop.save()
    audit.log(
        "consents.medication_permission.stopped",
        actor=by,
        obj=permission,
        child=permission.child,
        request=request,
    )
    return stop


@retry_when_locked
@transaction.atomic
def dose_acknowledge(*, dose, by, request=None):
    """A parent/carer has seen the record of a dose, for their home: once
    for each home (a double click, or another adult of the same home,
    changes nothing; the other home still acknowledges for itself). True
    when this acknowledgement is new."""
    MedicationDose.objects.select_for_update().get(pk=dose.pk)
    new = confirm_for_home(
        dose.acknowledgements,
        by=by,
        child_id=dose.child_id,
        child=dose.child,
        acknowledged_by=by,
    )
    if new:
        audit.log(
            "consents.dose.acknowledged", actor=by, obj=dose, child=dose.child, request=request
        )
    return new


@transaction.atomic
def medication_incident_record(*, incident, child, by, request=None):
    """Keep a medicine given outside the permission as an incident (the dose
    itself stays refused). It waits for the manager's review."""
    _lock_child(child)
    incident.child = child
    incident.recorded_by = by
    if incident.permission is None:
        incident.permission = permission_named(child, incident.medicine)
    incident.save()
    audit.log(
        "consents.medication_incident.recorded",
        actor=by,
        obj=incident,
        child=child,
        request=request,
        data={"medicine": incident.medicine},
    )
    return incident
