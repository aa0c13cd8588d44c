"""What families adds to each role's home page and to the navigation."""

from datetime import date, timedelta

from django.db.models import CharField, DateField, DateTimeField, F, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families import (
    records,  # noqa: F401  (registers the record sources)
    selectors,
)
from families.models import (
    AgreedAction,
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    SettlingInPlan,
    SupportPlan,
)
from families.models.partnership import (
    NOT_SEEN,
    ActionOwner,
    ReviewKind,
    absent_on_condition,
)
from families.selectors import (
    meetings_overdue,
    parents_children,
    progress_reviews_due,
    since_linked,
    two_year_checks_due,
    two_year_checks_overdue,
    with_parental_responsibility,
)
from nursery.dates import day_in_words
from nursery.links import reverse
from nursery.models import Role, SiteConfig
from nursery.navigation import CHILDREN, FOLLOW_UP, TODAY
from nursery.queries import compiled_rows, first_rows_query, fixed, split_first_rows
from nursery.registry import (
    ChronologyEntry,
    child_section,
    chronology_source,
    dashboard_figure,
    home_panel,
    nav_item,
)

PANEL_ROWS = 10
ABSENCES_SHOWN = 50

nav_item(
    key="families.roster",
    title=_("Children"),
    url_name="families:roster",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=10,
    group=CHILDREN,
)

nav_item(
    key="families.my_children",
    title=_("My children"),
    url_name="families:my_children",
    roles=[Role.PARENT],
    order=10,
)
nav_item(
    key="families.my_messages",
    title=_("Messages"),
    url_name="families:my_messages",
    roles=[Role.PARENT],
    order=15,
)


@home_panel(
    key="families.my_children",
    title=_("Your children"),
    roles=[Role.PARENT],
    template="families/panels/my_children.html",
    order=45,
)
def my_children(request):
    return {"children": parents_children(request)}


@home_panel(
    key="families.key_children",
    title=_("Your key children"),
    roles=[Role.PRACTITIONER, Role.MANAGER],
    template="families/panels/key_children.html",
    order=45,
)
def key_children(request):
    children = [child for child in selectors.key_children(request) if child.is_current]
    if not children and request.user.role == Role.MANAGER:
        return None
    return {"children": children}


nav_item(
    key="families.inbox",
    title=_("Messages from families"),
    url_name="families:inbox",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=12,
    group=TODAY,
)
nav_item(
    key="families.meetings_overdue",
    title=_("Meetings overdue"),
    url_name="families:meetings_overdue",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=14,
    group=FOLLOW_UP,
)
nav_item(
    key="families.checks_due",
    title=_("Checks at age two"),
    url_name="families:checks_due",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=16,
    group=FOLLOW_UP,
)
nav_item(
    key="families.reviews_due",
    title=_("Progress reviews due"),
    url_name="families:reviews_due",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=17,
    group=FOLLOW_UP,
)


@home_panel(
    key="families.key_person_work",
    title=_("Your work as key person"),
    roles=[Role.PRACTITIONER, Role.MANAGER],
    template="families/panels/key_person_work.html",
    order=12,
)
def key_person_work(request):
    """For the key person: meetings overdue, requests to answer, checks due."""
    # The key children, marked by the very selectors of the follow-up lists.
    children = selectors.marked_key_children(request)
    ids = [child.pk for child in children]
    if not ids and request.user.role == Role.MANAGER:
        return None

    def never_first(day):
        # Those never met (or reviewed) first, then the longest ago.
        return (day is not None, day or date.min)

    def by_name(child):
        return (child.last_name, child.first_name, child.pk)

    overdue = sorted(
        (c for c in children if c.is_meeting_overdue),
        key=lambda c: (never_first(c.last_meeting), *by_name(c)),
    )
    reviews_due = sorted(
        (c for c in children if c.is_review_due),
        key=lambda c: (never_first(c.last_review), *by_name(c)),
    )
    checks_overdue = sorted(
        (c for c in children if c.is_check_overdue), key=lambda c: (c.date_of_birth, c.pk)
    )[:PANEL_ROWS]
    checks_due = sorted(
        (c for c in children if c.is_check_due), key=lambda c: (c.date_of_birth, c.pk)
    )[:PANEL_ROWS]
    requests = compiled_rows("families.requests_to_answer", _requests_to_answer, child_ids=ids)
    if request.user.role == Role.MANAGER and not (
        overdue or requests or checks_overdue or checks_due or reviews_due
    ):
        return None
    return {
        "meetings_overdue": overdue[:PANEL_ROWS],
        "more_overdue": len(overdue) > PANEL_ROWS,
        "requests": requests,
        "checks_overdue": checks_overdue,
        "checks_due": checks_due,
        "reviews_due": reviews_due[:PANEL_ROWS],
        "more_reviews_due": len(reviews_due) > PANEL_ROWS,
        "weeks": SiteConfig.load().meeting_interval_weeks,
        "review_weeks": SiteConfig.load().review_interval_weeks,
    }


def _requests_to_answer(child_ids):
    return (
        MeetingRequest.objects.filter(child__in=child_ids, answered_at__isnull=True)
        .select_related("child", "requested_by")
        .order_by("created_at")[:PANEL_ROWS]
    )


@home_panel(
    key="families.from_families",
    title=_("From families"),
    roles=[Role.PRACTITIONER, Role.MANAGER],
    template="families/panels/from_families.html",
    order=11,
)
def from_families(request):
    """For all staff: today's absences and messages not yet seen, in one
    query."""
    today = timezone.localdate()
    rows = compiled_rows(
        "families.from_families", _from_families, user=request.user, today=fixed(today)
    )
    lists = split_first_rows(rows, _from_families_lists(today))
    absences, _absent_count = lists["absences"]
    unseen, unseen_count = lists["unseen"]
    return {"absences": absences, "unseen": unseen, "unseen_count": unseen_count}


def _from_families_lists(today):
    return {
        "absences": (
            absent_on_condition(today),
            ["child__last_name", "child__first_name", "pk"],
            ABSENCES_SHOWN,
        ),
        "unseen": (NOT_SEEN, ["-created_at", "-pk"], PANEL_ROWS),
    }


def _from_families(user, today):
    return first_rows_query(
        ParentNotice.objects.visible_to(user).select_related("child", "sent_by"),
        _from_families_lists(today),
    )


@home_panel(
    key="families.setting_follow_up",
    title=_("The nursery's follow-up"),
    roles=[Role.MANAGER],
    template="families/panels/setting_follow_up.html",
    order=20,
    counts=lambda request: {
        "meetings_overdue": meetings_overdue(),
        "checks_overdue": two_year_checks_overdue(),
        "checks_due": two_year_checks_due(),
        "reviews_due": progress_reviews_due(),
    },
)
def setting_follow_up(request, counted):
    """For the manager: the whole setting's meetings overdue and checks due
    (counted with the home page's other figures)."""
    return {
        **counted,
        "weeks": SiteConfig.load().meeting_interval_weeks,
        "review_weeks": SiteConfig.load().review_interval_weeks,
    }


# What the family has to read, newest first: each kind's model, the page
# that shows it, and how the list names it.
TO_READ = {
    "meeting": (KeyPersonMeeting, "families:meeting_detail"),
    "review": (ProgressReview, "families:review_detail"),
    "plan": (SupportPlan, "families:plan_detail"),
    "settling": (SettlingInPlan, "families:settling"),
}
WAITING_ROWS = 40
ACTIONS_SHOWN = 20
ANSWERS_SHOWN = 10
ANSWERS_FOR_DAYS = 14
# The order of the kinds in the one query: each kind's first rows come
# before the next kind's, so that a long list of one cannot crowd out the
# others; the panel then shows each kind's first rows only.
KIND_ORDER = {"sign_off": 0, "answer": 1, "action": 2}
WAITING_READ = 200


def _waiting_rows(user, child_ids):
    """The rows of `_waiting_query`, its SQL compiled once (the parent's
    home page spent more on building it than the database on answering)."""
    return compiled_rows(
        "families.waiting_for_you",
        _waiting_query,
        user=user,
        child_ids=list(dict.fromkeys(child_ids)),
        answered_since=timezone.now() - timedelta(days=ANSWERS_FOR_DAYS),
    )


def _waiting_query(user, child_ids, answered_since):
    """Every row of the parent's "Waiting for you" about the children
    `child_ids` (those still at the nursery whose records are not
    restricted), in one query of plain values, newest first: records
    shared since they were linked to the child and not yet read by their
    home, the checks at age two they sign off, the actions agreed at a
    meeting that are the family's, and the nursery's answers of the last
    fortnight to messages they sent.

    Each row is (kind, pk (an action's: its meeting's), child id, shared or
    answered at, due on, what, answered by: name, answered by: email, the
    kind's place in the order); a column a kind has no use for is empty."""
    parts = [
        since_linked(
            model.objects.visible_to(user).unread_by_home_of(user).filter(child__in=child_ids),
            user,
            field="shared_at",
        )
        for model, _url_name in TO_READ.values()
    ]
    # Only a parent with parental responsibility signs the check off.
    parts.append(
        with_parental_responsibility(
            ProgressReview.objects.visible_to(user).filter(
                kind=ReviewKind.TWO_YEAR, signed_off_at__isnull=True, child__in=child_ids
            ),
            user,
        )
    )
    # An empty column is typed, as PostgreSQL matches a union's columns by type.
    none = {
        "due": Cast(Value(None), DateField()),
        "what": Cast(Value(None), CharField()),
        "who": Cast(Value(None), CharField()),
        "who_email": Cast(Value(None), CharField()),
    }
    columns = ("waiting", "row", "of_child", "at", "due", "what", "who", "who_email", "rank")
    kinds = [*TO_READ, "sign_off"]
    rows = [
        qs.order_by()
        .annotate(
            waiting=Value(kind),
            row=F("pk"),
            of_child=F("child_id"),
            at=F("shared_at"),
            **none,
            rank=Value(KIND_ORDER.get(kind, len(KIND_ORDER))),
        )
        .values_list(*columns)
        for kind, qs in zip(kinds, parts, strict=True)
    ]
    actions = (
        AgreedAction.objects.visible_to(user)
        .open()
        .filter(owner=ActionOwner.FAMILY, meeting__child__in=child_ids)
        .order_by()
        .annotate(
            waiting=Value("action"),
            row=F("meeting_id"),
            of_child=F("meeting__child_id"),
            at=Cast(Value(None), DateTimeField()),
            due=F("due_on"),
            what=F("description"),
            who=none["who"],
            who_email=none["who_email"],
            rank=Value(KIND_ORDER["action"]),
        )
        .values_list(*columns)
    )
    answers = (
        ParentNotice.objects.visible_to(user)
        .filter(
            sent_by=user,
            replied_at__gte=answered_since,
            child__in=child_ids,
        )
        .order_by()
        .annotate(
            waiting=Value("answer"),
            row=F("pk"),
            of_child=F("child_id"),
            at=F("replied_at"),
            due=none["due"],
            what=none["what"],
            who=F("replied_by__full_name"),
            who_email=F("replied_by__email"),
            rank=Value(KIND_ORDER["answer"]),
        )
        .values_list(*columns)
    )
    newest_first = F("at").desc(nulls_last=True)
    waiting = rows[0].union(*rows[1:], actions, answers, all=True)
    return waiting.order_by("rank", newest_first, "due", "row")[:WAITING_READ]


@home_panel(
    key="families.waiting_for_you",
    title=_("Waiting for you"),
    roles=[Role.PARENT],
    template="families/panels/waiting_for_you.html",
    order=5,
)
def waiting_for_you(request):
    """For parents: records to read, comments and sign-offs asked for, actions
    that are the family's, and answers from the nursery. One query."""
    user = request.user
    # Nothing is asked about a child who has left, or whose records are
    # restricted at the family's request (they cannot be answered).
    children = {child.pk: child for child in parents_children(request) if child.is_current}
    to_read, sign_off, actions, answers = [], [], [], []
    for kind, pk, child_id, at, due_on, what, who, who_email, _rank in _waiting_rows(
        user, list(children)
    ):
        child = children[child_id]
        if kind == "sign_off":
            sign_off.append({"pk": pk, "child_id": child_id, "child": child})
        elif kind == "action":
            actions.append(
                {"meeting_id": pk, "child": child, "description": what, "due_on": due_on}
            )
        elif kind == "answer":
            answers.append({"pk": pk, "child": child, "replied_by": who or who_email})
        else:
            model, url_name = TO_READ[kind]
            args = [child_id] if kind == "settling" else [child_id, pk]
            to_read.append(
                {
                    "label": model._meta.verbose_name,
                    "child": child,
                    "shared_at": at,
                    "url": reverse(url_name, args=args),
                }
            )
    if not (to_read or sign_off or actions or answers):
        return None
    return {
        "to_read": to_read[:WAITING_ROWS],
        "sign_off": sign_off,
        "actions": actions[:ACTIONS_SHOWN],
        "answers": answers[:ANSWERS_SHOWN],
    }


@child_section(
    key="families.partnership",
    title=_("Working together"),
    template="families/panels/child_partnership.html",
    order=10,
)
def child_partnership(request, child):
    """Links to the child's partnership records, for staff and the family."""
    if not request.user.has_perm("families.view_records", child):
        return None
    return {
        "can_see_cp": request.user.has_perm("families.view_cp_tasks", child),
        "can_tell": request.user.has_perm("families.tell_setting", child),
    }


@dashboard_figure(
    key="families.meetings_overdue",
    title=_("Children without a key-person meeting in the interval"),
    url_name="families:meetings_overdue",
    order=20,
    # The manager's home shows it under "Key-person meetings and checks across the setting".
    on_home=False,
)
def figure_meetings_overdue(request):
    return meetings_overdue()


@dashboard_figure(
    key="families.checks_overdue",
    title=_("Progress checks at age two overdue"),
    url_name="families:checks_due",
    order=21,
    # The manager's home shows it under "Key-person meetings and checks across the setting".
    on_home=False,
)
def figure_checks_overdue(request):
    return two_year_checks_overdue()


@chronology_source(key="families.cp_tasks", title=_("Child-protection-plan tasks"), order=50)
def cp_task_entries(*, child, user):
    """Each task agreed for the nursery under the child's plan, on the day it
    was recorded, with who does it, by when and where it stands."""
    tasks = ChildProtectionTask.objects.visible_to(user).filter(child=child)
    url = reverse("families:cp_tasks", args=[child.pk])
    entries = []
    for task in tasks.select_related("recorded_by"):
        due = f", {day_in_words(task.due_on)}" if task.due_on else ""
        entries.append(
            ChronologyEntry(
                on=timezone.localdate(task.created_at),
                at=task.created_at,
                kind=str(_("Child-protection-plan task (%(status)s)"))
                % {"status": task.get_status_display()},
                summary=f"{task.task} ({task.responsible}{due})",
                by=task.recorded_by.full_name if task.recorded_by else "",
                url=url,
            )
        )
    return entries
