"""What safety adds to shared pages: navigation, staff flags beside a
child's name (roster, child page, register, outing list, event page), the
child's page, home panels and the manager's dashboard. Each runs a fixed
number of queries."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import Child
from families.selectors import everyday_children, key_child_ids, since_linked
from nursery.models import Role
from nursery.navigation import FOLLOW_UP, TODAY
from nursery.queries import compiled_rows
from nursery.registry import (
    ChronologyEntry,
    child_flags,
    child_section,
    chronology_source,
    dashboard_figure,
    home_panel,
    is_subject_access,
    nav_item,
    record_source,
)
from safety.models import (
    Accident,
    AccidentKind,
    CollectionNotice,
    HealthAlert,
    ParentContact,
    RefusedCollection,
    Severity,
)
from safety.services import (
    accidents_awaiting_acknowledgement,
    alerts_and_barred,
    awaiting_review,
    dsl_items,
    open_clocks,
    unseen_alerts,
    written_flags_by_child,
    written_health,
)

STAFF_ROLES = [Role.PRACTITIONER, Role.MANAGER]
PANEL_ROWS = 10

nav_item(
    key="safety.boards",
    title=gettext_lazy("Room boards"),
    url_name="safety:boards",
    roles=STAFF_ROLES,
    order=11,
    group=TODAY,
)
nav_item(
    key="safety.register",
    title=gettext_lazy("Register"),
    url_name="safety:register",
    roles=STAFF_ROLES,
    order=11,
    group=TODAY,
)
nav_item(
    key="safety.accidents",
    title=gettext_lazy("Accidents"),
    url_name="safety:accidents",
    roles=STAFF_ROLES,
    order=26,
    group=TODAY,
)
nav_item(
    key="safety.reviews",
    title=gettext_lazy("Incident reviews"),
    url_name="safety:reviews",
    roles=[Role.MANAGER],
    order=27,
    group=FOLLOW_UP,
)


_DETAILS_FLAGS = {
    "allergies": gettext_lazy("Allergies on the details form: %(what)s"),
    "medical_notes": gettext_lazy("Health conditions on the details form: %(what)s"),
}


def _alert_flag(alert):
    """The mark an alert puts beside the child's name wherever staff act: a
    life-threatening or severe one, and any with a medicine kept here (the
    inhaler goes on the outing), new or seen; None for the rest."""
    if alert.is_life_threatening:
        return _("Life-threatening: %(what)s") % {"what": alert.flag_text}
    if alert.severity == Severity.SEVERE:
        return _("Severe: %(what)s") % {"what": alert.flag_text}
    if alert.medicine_kept:
        return _("Medicine kept here: %(what)s") % {"what": alert.flag_text}
    return None


@child_flags(
    key="safety.flags",
    title=gettext_lazy("Serious alerts, medicines kept here and who must not collect"),
    # First beside the name: a life-threatening allergy before "no photographs".
    order=10,
)
def safety_flags(request, children):
    """For every member of staff: life-threatening and severe alerts, any
    with a medicine kept here, allergies and health conditions on the
    details form that staff have not yet dealt with, and who must not collect."""
    found = {}
    alerts, barred = alerts_and_barred(request, children)
    for child_id, child_alerts in alerts.items():
        flags = [_alert_flag(alert) for alert in child_alerts]
        found.setdefault(child_id, []).extend(flag for flag in flags if flag)
    # Allergies and health conditions a family wrote on the details form,
    # not yet dealt with: how serious they are is not known, so they are
    # marked until staff have made each an alert (or found it needs none).
    for child_id, written in written_flags_by_child(children).items():
        for field, text in written.items():
            found.setdefault(child_id, []).append(
                _DETAILS_FLAGS[field] % {"what": Truncator(" ".join(text.split())).chars(80)}
            )
    for child_id, entries in barred.items():
        found.setdefault(child_id, []).extend(
            _("Must not collect: %(name)s") % {"name": e.name} for e in entries
        )
    return found


@child_section(
    key="safety.child",
    title=gettext_lazy("Health alerts and collection"),
    template="safety/sections/child.html",
    order=15,
)
def safety_section(request, child):
    if not request.user.has_perm("safety.view_child_safety", child):
        return None
    today = timezone.localdate()
    if request.user.is_setting_staff:
        alerts, barred = alerts_and_barred(request, [child])
        alerts, barred = alerts.get(child.pk, []), barred.get(child.pk, [])
    else:
        # Who must not collect is for staff: a parent's page never reads it.
        alerts = compiled_rows("safety.child_alerts", _child_alerts, child=child.pk)
        barred = []
    try:
        details = child.details  # read with the child on its page
    except Child.details.RelatedObjectDoesNotExist:
        details = None
    return {
        "child": child,
        "alerts": alerts,
        # What the details form says that staff have not yet dealt with.
        "written_health": written_health(details),
        "barred": barred,
        "notices": compiled_rows(
            "safety.child_notices", _child_notices, user=request.user, child=child.pk, on=today
        ),
    }


def _child_alerts(child):
    return HealthAlert.objects.current().filter(child=child)


def _child_notices(user, child, on):
    return CollectionNotice.objects.visible_to(user).standing().filter(child=child, on=on)


@home_panel(
    key="safety.parent_accidents",
    title=gettext_lazy("Accidents to read"),
    roles=[Role.PARENT],
    template="safety/panels/parent.html",
    order=15,
)
def parent_accidents(request):
    """Accident records the parent has not acknowledged: they wait here until they do."""
    accidents = compiled_rows("safety.parents_accidents", _parents_accidents, user=request.user)
    if not accidents:
        return None
    return {"accidents": accidents}


def _parents_accidents(user):
    # Accidents from before this person was linked to the child are not new to them.
    return since_linked(
        accidents_awaiting_acknowledgement(Child.objects.visible_to(user), user),
        user,
        field="recorded_at",
    )[:20]


@home_panel(
    key="safety.staff_alerts",
    title=gettext_lazy("Health alerts and accidents to follow up"),
    roles=STAFF_ROLES,
    template="safety/panels/staff.html",
    order=5,
)
def staff_alerts(request):
    """New or changed health alerts of the person's key children (every
    child for the manager) and accidents not yet acknowledged."""
    user = request.user
    child_ids = None if user.is_manager else key_child_ids(request)
    alerts = compiled_rows("safety.staff_alerts", _staff_alerts, child_ids=child_ids)
    accidents = compiled_rows(
        "safety.staff_accidents", _staff_accidents, user=user, child_ids=child_ids
    )
    if not alerts and not accidents:
        return None
    return {"alerts": alerts, "accidents": accidents}


def _staff_alerts(child_ids):
    return unseen_alerts(everyday_children(child_ids))[:PANEL_ROWS]


def _staff_accidents(user, child_ids):
    return accidents_awaiting_acknowledgement(everyday_children(child_ids), user)[:PANEL_ROWS]


@home_panel(
    key="safety.dsl",
    title=gettext_lazy("For the safeguarding lead"),
    roles=STAFF_ROLES,
    template="safety/panels/dsl.html",
    order=6,
)
def dsl_panel(request):
    """The DSL: stopped collections and injuries seen at arrival, until marked seen."""
    if not request.user.has_perm("safety.see_dsl_items"):
        return None
    items = dsl_items()
    return {
        "attempts": list(items["attempts"][:PANEL_ROWS]),
        "injuries": list(items["injuries"][:PANEL_ROWS]),
    }


def _first_open_clocks():
    return open_clocks()[:PANEL_ROWS]


@home_panel(
    key="safety.manager_reviews",
    title=gettext_lazy("Accidents and incidents"),
    roles=[Role.MANAGER],
    template="safety/panels/manager.html",
    order=7,
    counts=lambda request: awaiting_review(),
)
def manager_reviews(request, counts):
    """Notifications due after serious accidents, and what waits for review
    (counted with the home page's other figures)."""
    clocks = compiled_rows("safety.open_clocks", _first_open_clocks)
    if not clocks and not any(counts.values()):
        return None
    return {"clocks": clocks, "counts": counts}


@dashboard_figure(
    key="safety.clocks",
    title=gettext_lazy("Notifications due after serious accidents"),
    url_name="safety:reviews",
    order=5,
    # The manager's home shows it in "Accidents and incidents".
    on_home=False,
)
def clocks_figure(request):
    return open_clocks()


@dashboard_figure(
    key="safety.reviews",
    # It counts the three kinds its list shows.
    title=gettext_lazy("Accidents, medication errors and lapses in supervision waiting for review"),
    url_name="safety:reviews",
    order=6,
    # The manager's home shows it in "Accidents and incidents".
    on_home=False,
)
def reviews_figure(request):
    return list(awaiting_review().values())


# A child's safeguarding chronology: injuries seen at arrival, accidents and
# incidents, and collections that were stopped. One query each.


def _injury_summary(accident):
    parts = [accident.what_happened]
    parts.append(
        _("%(injury)s, %(area)s")
        % {"injury": accident.get_injury_display(), "area": accident.get_body_area_display()}
    )
    if accident.parent_explanation:
        parts.append(
            _("The parent's explanation: %(text)s") % {"text": accident.parent_explanation}
        )
    return "\n".join(parts)


def _accident_entries(child, user, *, existing):
    accidents = Accident.objects.visible_to(user).filter(child=child).select_related("recorded_by")
    if existing:
        accidents = accidents.filter(kind=AccidentKind.EXISTING)
    else:
        accidents = accidents.exclude(kind=AccidentKind.EXISTING)
    return [
        ChronologyEntry(
            on=timezone.localdate(a.occurred_at),
            at=a.occurred_at,
            kind=a.get_kind_display(),
            summary=_injury_summary(a),
            by=a.recorded_by.full_name if a.recorded_by else "",
            url=a.get_absolute_url(),
        )
        for a in accidents
    ]


@chronology_source(
    key="safety.existing_injuries", title=gettext_lazy("Injuries seen at arrival"), order=90
)
def existing_injury_entries(*, child, user):
    return _accident_entries(child, user, existing=True)


@chronology_source(key="safety.accidents", title=gettext_lazy("Accidents and incidents"), order=91)
def accident_entries(*, child, user):
    return _accident_entries(child, user, existing=False)


@chronology_source(
    key="safety.refused_collections", title=gettext_lazy("Stopped collections"), order=92
)
def refused_collection_entries(*, child, user):
    refused = RefusedCollection.objects.visible_to(user).filter(child=child)
    return [
        ChronologyEntry(
            on=timezone.localdate(r.at),
            at=r.at,
            kind=_("Collection stopped"),
            summary=_("%(person)s: %(reason)s") % {"person": r.person, "reason": r.reason},
            by=r.recorded_by.full_name,
        )
        for r in refused.select_related("recorded_by")
    ]


@record_source(
    key="safety.accidents", title=gettext_lazy("Accidents, incidents and injuries"), order=45
)
def accidents_record(*, child, recipient):
    """In one adult's subject-access pack: what the family was told of each
    accident, incident or injury seen at arrival (never the manager's review
    or what went to the safeguarding lead), with the contacts in a medical
    emergency this adult may read: with them, their home, or someone else
    (never with the other home)."""
    if not is_subject_access(recipient):
        return None
    told = ParentContact.objects.visible_to(recipient.adult).select_related("by")
    accidents = list(
        Accident.objects.filter(child=child)
        .prefetch_related(Prefetch("contacts", queryset=told, to_attr="contacts_told"))
        .order_by("occurred_at", "pk")
    )
    if not accidents:
        return None
    return {"template": "safety/records/accidents.html", "context": {"accidents": accidents}}


@record_source(
    key="safety.collection_notices", title=gettext_lazy("Someone else collecting"), order=46
)
def collection_notices_record(*, child, recipient):
    """In one adult's subject-access pack: who else collects, as this adult
    told the setting (in the portal or to staff), with what the adults of
    their home told it; never the other home's."""
    if not is_subject_access(recipient):
        return None
    notices = list(
        CollectionNotice.objects.filter(child=child)
        .visible_to(recipient.adult)
        .select_related("told_by", "taken_by", "withdrawn_by")
        .order_by("on", "told_at", "pk")
    )
    if not notices:
        return None
    return {
        "template": "safety/records/collection_notices.html",
        "context": {"notices": notices},
    }
