"""What consents and medication add to shared pages: navigation, home
panels, the child's page, staff flags, the manager's dashboard and the
records that leave the setting. Each runs a fixed number of queries."""

from django.db.models import Exists, F, FilteredRelation, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consents.models import (
    ConsentEvent,
    ConsentType,
    DoseAcknowledgement,
    MedicationDose,
    MedicationIncident,
    MedicationPermission,
    State,
)
from consents.services import consent_states, expiring_consents
from families.models.homes import homes_of, households_of_child
from families.selectors import everyday_children, key_child_ids, parents_children, since_linked
from nursery.models import Role
from nursery.navigation import FOLLOW_UP, TODAY
from nursery.queries import compiled_rows, once_per_request
from nursery.registry import (
    child_flags,
    child_section,
    dashboard_figure,
    for_family,
    home_panel,
    nav_item,
    reader_of,
    record_source,
)

STAFF_ROLES = [Role.PRACTITIONER, Role.MANAGER]

nav_item(
    key="consents.mine",
    title=_("Consents and medicine"),
    url_name="consents:mine",
    roles=[Role.PARENT],
    order=20,
)
nav_item(
    key="consents.expiring",
    title=_("Consents"),
    url_name="consents:expiring",
    roles=STAFF_ROLES,
    order=20,
    group=FOLLOW_UP,
)
nav_item(
    key="consents.outings",
    title=_("Outings"),
    url_name="consents:outings",
    roles=STAFF_ROLES,
    order=25,
    group=TODAY,
)


def _unacknowledged_doses(children_filter, user):
    """Doses still waiting to be acknowledged, as `user` is concerned: for a
    parent, by their own home; for staff, by some home of the child. They
    stay listed until they are."""
    return (
        MedicationDose.objects.filter(children_filter)
        .awaiting_acknowledgement(user)
        .select_related("child", "permission")
        .order_by("-given_at")
    )


@home_panel(
    key="consents.parent",
    title=_("Consents and medicine"),
    roles=[Role.PARENT],
    template="consents/panels/parent.html",
    order=20,
)
def parent_consents(request):
    """Consents to answer or renew and doses to acknowledge. The states are
    kept to this panel, not attached to the children the other panels share:
    they are read without who decided."""
    linked = parents_children(request)
    if not linked:
        # No child to ask about (none linked yet, or no access): the home
        # says so once, and this panel has nothing to add.
        return None
    children = [child for child in linked if child.is_current]
    consent_types = list(ConsentType.objects.active())
    states = consent_states(children=children, consent_types=consent_types, who_decided=False)
    to_answer = []
    for child in children:
        # Only a person with parental responsibility is asked to answer.
        if not child.answered_by_parent:
            continue
        waiting = [
            state
            for state in (states[(child.pk, t.pk)] for t in consent_types)
            if state.needs_answer
            and not (
                state.state == State.PARTLY
                and any(e.decided_by_id == request.user.pk for e in state.events)
            )
        ]
        if waiting:
            to_answer.append((child, waiting))
    # Doses given before this person was linked to the child are not theirs
    # to see as new. A dose given to a child whose records are restricted is
    # told all the same: medicine goes on being recorded and acknowledged.
    doses = compiled_rows(
        "consents.parents_doses",
        _parents_doses,
        user=request.user,
        child_ids=[child.pk for child in linked],
    )
    return {"to_answer": to_answer, "doses": doses}


def _parents_doses(user, child_ids):
    return since_linked(
        _unacknowledged_doses(Q(child__in=child_ids), user), user, field="given_at"
    )[:20]


@home_panel(
    key="consents.staff_medication",
    title=_("Medicine today"),
    roles=STAFF_ROLES,
    template="consents/panels/staff.html",
    order=20,
)
def staff_medication(request):
    """Medication due today for the person's key children, and doses given
    to their key children (or by them) that the family has not yet seen."""
    user = request.user
    ids = key_child_ids(request)
    rows = (
        compiled_rows(
            "consents.medicine_today", _medicine_today, child_ids=ids, today=timezone.localdate()
        )
        if ids
        else []
    )
    permissions = {}
    for row in rows:
        if row.pk not in permissions:
            row.today = []
            permissions[row.pk] = row
        if row.given is not None:
            permissions[row.pk].today.append(row.given)
    permissions = list(permissions.values())
    doses = compiled_rows(
        "consents.doses_to_see",
        _doses_to_see,
        user=user,
        child_ids=None if user.is_manager else ids,
    )
    if not permissions and not doses:
        return None
    return {"permissions": permissions, "doses": doses}


def _medicine_today(child_ids, today):
    """The active permissions of the children `child_ids` (those of everyday
    lists), each once for each dose given under it today (once with none):
    the times given today are read with the permissions, and whether a
    medication incident under it was given today (`erred_today`)."""
    return (
        MedicationPermission.objects.filter(child__in=everyday_children(child_ids))
        .active_on(today)
        .alias(given_today=FilteredRelation("doses", condition=Q(doses__given_at__date=today)))
        .annotate(
            given=F("given_today__given_at"),
            # A medicine given in error today was given all the same.
            erred_today=Exists(
                MedicationIncident.objects.filter(permission=OuterRef("pk"), given_at__date=today)
            ),
        )
        .select_related("child")
        .order_by("child__first_name", "medicine", "pk", "given")
    )


def _doses_to_see(user, child_ids):
    """The manager (`child_ids` None) sees every unacknowledged dose in the
    setting; others those of their key children or that they gave."""
    if child_ids is None:
        mine = Q()
    else:
        mine = Q(child__in=everyday_children(child_ids)) | Q(given_by=user)
    return _unacknowledged_doses(mine, user)[:20]


@dashboard_figure(
    key="consents.expiring_count",
    title=_("Consents expired or expiring within 30 days"),
    url_name="consents:expiring",
    order=30,
    # Each child's consent state is worked out in Python.
    number=True,
)
def expiring_figure(request):
    return len(once_per_request(request, "consents.expiring", expiring_consents))


def _states(request, children):
    """{(child_id, type_id): ConsentState} for every active purpose, read
    once per request for the same children: the child's page shows both
    its flags and its consents."""
    ids = ",".join(str(child.pk) for child in children)
    return once_per_request(
        request, f"consents.states:{ids}", lambda: consent_states(children=children)
    )


@child_section(
    key="consents.consents",
    title=_("Consents"),
    template="consents/sections/consents.html",
    order=30,
)
def consents_section(request, child):
    if not request.user.has_perm("consents.view_child_consents", child):
        return None
    return {
        "child": child,
        # In the order of the purposes, as every consent list shows them.
        "states": [
            state
            for (child_id, _type_id), state in _states(request, [child]).items()
            if child_id == child.pk
        ],
        "can_decide": request.user.has_perm("consents.decide_online", child),
    }


@child_section(
    key="consents.medication",
    title=_("Medicine"),
    template="consents/sections/medication.html",
    order=40,
)
def medication_section(request, child):
    if not request.user.has_perm("consents.view_child_medication", child):
        return None
    today = timezone.localdate()
    return {
        "child": child,
        "permissions": compiled_rows(
            "consents.child_permissions", _child_permissions, child=child.pk, on=today
        ),
        "doses": compiled_rows(
            "consents.child_doses", _child_doses, user=request.user, child=child.pk, on=today
        ),
    }


def _child_permissions(child, on):
    return MedicationPermission.objects.filter(child=child).active_on(on).order_by("medicine")


def _child_doses(user, child, on):
    # Whether each dose was seen: for staff, by every home; for a parent,
    # by their own.
    return (
        MedicationDose.objects.filter(child=child, given_at__date=on)
        .with_homes_acknowledged(user)
        .select_related("permission")
        .order_by("given_at")
    )


def _flagged_types():
    return ConsentType.objects.active().exclude(staff_flag="")


@child_flags(key="consents.flags", title=_("Consents staff must know"))
def consent_flags(request, children):
    """For staff: a mark on each child whose consent for a flagged purpose
    (photographs, outings, emergency treatment…) is not in force."""
    if len(children) == 1:
        # One child (their page): read with the consents the page shows.
        states = _states(request, children)
    else:
        flagged = compiled_rows("consents.flagged_types", _flagged_types)
        states = consent_states(children=children, consent_types=flagged, who_decided=False)
    found, shown = {}, {}
    for (child_id, type_id), state in states.items():
        if type_id not in shown:
            # Each purpose's mark, in the reader's language, once.
            shown[type_id] = state.consent_type.shown_flag
        if shown[type_id] and not state.is_given:
            found.setdefault(child_id, []).append(shown[type_id])
    return found


@record_source(key="consents.leaver_records", title=_("Consents and medication"), order=40)
def leaver_records(*, child, recipient):
    """For the parents' leaver's bundle and an adult's subject-access pack:
    every consent decision and every medication record, with when the
    reader's own home saw each dose (never whether or when another home
    did; a family copy with no reader, no home's). Schools receive none
    of it."""
    if not for_family(recipient):
        return None
    reader = reader_of(recipient)
    seen = (
        DoseAcknowledgement.objects.filter(household__in=homes_of(reader, child))
        if reader is not None
        else DoseAcknowledgement.objects.none()
    )
    return {
        "template": "consents/records/consents_and_medication.html",
        "context": {
            "child": child,
            # Whose names the copy may give (`families.templatetags.homes`).
            "reader": reader,
            "households": households_of_child(child.pk),
            "events": ConsentEvent.objects.filter(child=child)
            .select_related("consent_type", "decided_by", "recorded_by")
            .order_by("consent_type__order", "consent_type__name", "sequence"),
            "permissions": MedicationPermission.objects.filter(child=child)
            .select_related("given_by")
            .order_by("starts_on", "pk"),
            "doses": MedicationDose.objects.filter(child=child)
            .select_related("permission", "given_by", "witnessed_by")
            .prefetch_related(Prefetch("acknowledgements", seen))
            .order_by("given_at", "pk"),
        },
    }
