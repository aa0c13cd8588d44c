"""What the setting's life adds to the navigation, the home pages, the
child's page and the manager's dashboard."""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families import selectors
from nursery.models import Role
from nursery.navigation import FOLLOW_UP, THE_NURSERY, THE_SETTING, TODAY
from nursery.queries import compiled_rows
from nursery.registry import (
    child_section,
    dashboard_figure,
    dashboard_figures,
    home_figure_querysets,
    home_panel,
    nav_item,
)
from nursery.setting.models import (
    Announcement,
    Complaint,
    Consultation,
    ConsultationResponse,
    Event,
    EventSignup,
    Policy,
)

ALL_ROLES = [Role.PARENT, Role.PRACTITIONER, Role.MANAGER]
STAFF = [Role.PRACTITIONER, Role.MANAGER]

nav_item(
    key="setting.dashboard",
    title=_("Dashboard"),
    url_name="dashboard",
    roles=[Role.MANAGER],
    order=5,
    group=TODAY,
)
# The setting's life for everyone: in "The setting" for staff, in "The
# nursery" for parents (the same pages under each menu).
for suffix, roles, group in (
    ("", STAFF, THE_SETTING),
    ("_family", [Role.PARENT], THE_NURSERY),
):
    nav_item(
        key=f"setting.announcements{suffix}",
        title=_("Announcements"),
        url_name="announcements",
        roles=roles,
        order=40,
        group=group,
    )
    nav_item(
        key=f"setting.events{suffix}",
        title=_("Events"),
        url_name="events",
        roles=roles,
        order=45,
        group=group,
    )
    nav_item(
        key=f"setting.policies{suffix}",
        title=_("Policies"),
        url_name="policies",
        roles=roles,
        order=50,
        group=group,
    )
    nav_item(
        key=f"setting.consultations{suffix}",
        title=_("Have your say"),
        url_name="consultations",
        roles=roles,
        order=55,
        group=group,
    )
nav_item(
    key="setting.suggestions",
    title=_("Suggestions"),
    url_name="suggestions",
    roles=[Role.MANAGER],
    order=60,
    group=FOLLOW_UP,
)
nav_item(
    key="setting.complaints",
    title=_("Complaints"),
    url_name="complaints",
    roles=STAFF,
    order=65,
    group=FOLLOW_UP,
)


# The manager's dashboard: one query per figure.


@dashboard_figure(
    key="setting.policies_overdue",
    title=_("Policies overdue for review"),
    url_name="policies_overdue",
    order=30,
)
def policies_overdue(request):
    return Policy.objects.overdue()


@dashboard_figure(
    key="setting.complaints_due",
    title=_("Complaints near or past their 28-day deadline"),
    url_name="complaints_due",
    order=35,
)
def complaints_due(request):
    return Complaint.objects.near_deadline()


@dashboard_figure(
    key="setting.details_unconfirmed",
    title=_("Children whose practical details are not confirmed"),
    url_name="details_unconfirmed",
    order=70,
)
def details_unconfirmed(request):
    return selectors.details_unconfirmed()


@home_panel(
    key="setting.dashboard",
    title=_("What needs your attention"),
    roles=[Role.MANAGER],
    template="setting/panels/dashboard.html",
    order=1,
    counts=home_figure_querysets,
)
def dashboard(request, counted):
    figures = dashboard_figures(request, counted, home=True)
    return {
        "figures": [f for f in figures if f["count"]],
        "all_clear": not any(f["count"] for f in figures),
    }


# Parents' home page.


@home_panel(
    key="setting.announcements",
    title=_("Announcements"),
    roles=ALL_ROLES,
    template="setting/panels/announcements.html",
    order=90,  # News, after everything the person must do.
)
def announcements(request):
    latest = compiled_rows("setting.announcements", _latest_announcements, user=request.user)
    if not latest and not request.user.is_parent:
        return None
    return {"announcements": latest}


def _latest_announcements(user):
    return Announcement.objects.visible_to(user).select_related("created_by")[:3]


@home_panel(
    key="setting.policies_to_read",
    title=_("Policies to read"),
    roles=[Role.PARENT],
    template="setting/panels/policies_to_read.html",
    order=20,
)
def policies_to_read(request):
    policies = compiled_rows("setting.policies_to_read", _policies_to_read, user=request.user)
    return {"policies": policies} if policies else None


def _policies_to_read(user):
    return Policy.objects.listed().awaiting_acknowledgement_by(user)


@home_panel(
    key="setting.involvement",
    title=_("Events and consultations"),
    roles=[Role.PARENT],
    template="setting/panels/involvement.html",
    order=50,
)
def involvement(request):
    user = request.user
    consultations = compiled_rows("setting.open_consultations", _open_consultations, user=user)
    events = compiled_rows("setting.parents_events", _parents_events, user=user, now=timezone.now())
    return {"consultations": consultations, "events": events}


def _open_consultations(user):
    return (
        Consultation.objects.visible_to(user)
        .open()
        .annotate(
            answered=Exists(
                ConsultationResponse.objects.filter(consultation=OuterRef("pk"), parent=user)
            )
        )
        .order_by("closes_on")
    )


def _parents_events(user, now):
    return (
        Event.objects.visible_to(user)
        .upcoming(now)
        .select_related("room")
        .annotate(signed_up=Exists(EventSignup.objects.filter(event=OuterRef("pk"), parent=user)))[
            :5
        ]
    )


@home_panel(
    key="setting.key_children_events",
    title=_("Your key children at events"),
    roles=STAFF,
    template="setting/panels/key_children_events.html",
    order=40,
)
def key_children_events(request):
    """A key person sees which of their key children are coming to events."""
    ids = selectors.key_child_ids(request)
    if not ids:
        return None
    signups = {}
    for row in compiled_rows(
        "setting.key_children_events", _coming, child_ids=ids, now=timezone.now()
    ):
        signup = signups.get(row.eventsignup_id)
        if signup is None:
            signup = signups[row.eventsignup_id] = row.eventsignup
            signup.coming = []
        signup.coming.append(row.child)
    if not signups:
        return None
    return {"signups": list(signups.values())}


def _coming(child_ids, now):
    """In one query, whether or not anyone has signed up (a prefetch would
    add one only when there are signups): each child coming with a signup
    to an event still to come that brings at least one of `child_ids`, with
    the signup's event and parent."""
    with_key_child = EventSignup.objects.filter(
        event__in=Event.objects.upcoming(now), children__in=child_ids
    ).values("pk")
    return (
        EventSignup.children.through.objects.filter(eventsignup__in=with_key_child)
        .select_related("eventsignup__event", "eventsignup__parent", "child")
        .order_by(
            "eventsignup__event__starts_at",
            "eventsignup__parent__full_name",
            "eventsignup_id",
            "child__last_name",
            "child__first_name",
            "child_id",
        )
    )


# Staff on the child's page: how each linked parent prefers to be contacted.


@child_section(
    key="setting.communication_needs",
    title=_("How the family prefers to be contacted"),
    template="setting/panels/communication_needs.html",
    order=90,
    link_joins=["parent__communication_needs"],
)
def communication_needs(request, child):
    if not request.user.is_setting_staff:
        return None
    links = selectors.child_parent_links(request, child)  # shared with the page
    for link in links:
        link.needs = getattr(link.parent, "communication_needs", None)
    return {"links": links, "child": child}
