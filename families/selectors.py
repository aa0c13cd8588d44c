"""Selectors: one function per rule about children and the partnership,
called by every page, panel, list and figure that shows it (never a second
copy). Also the scoped fetches of partnership records (404 outside a
person's reach).

- meetings overdue: `meetings_overdue`
- progress reviews due: `progress_reviews_due`
- the check at age two due / overdue: `two_year_checks_due`,
  `two_year_checks_overdue`, and for one child `two_year_check_state`
- practical details unconfirmed: `details_unconfirmed`, `with_details_due`
- new for a parent (since their link to the child was made): `since_linked`
- what a parent may sign or answer for (parental responsibility):
  `with_parental_responsibility`
- reported away by the family on a day: `with_reported_absence`
- a parent's own children, read once for every panel of their home page:
  `parents_children`; a key person's: `key_children`, marked for their
  follow-up by `with_follow_up_marks`
"""

import functools
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import (
    AgreedAction,
    Child,
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentLink,
    ParentNotice,
    ProgressReview,
    SupportPlan,
)
from families.models.homes import confirmations_shown_to
from families.models.partnership import ReviewKind
from nursery.access import get_object_for
from nursery.dates import months_before
from nursery.models import SiteConfig, User
from nursery.queries import built_once, compiled_rows, fixed, moment, once_per_request
from nursery.registry import child_page_joins, parents_children_joins


def _get_scoped(queryset, user, child, pk, perm=None):
    record = get_object_for(user, queryset, perm=perm, perm_object=child, child=child, pk=pk)
    # It is the page's child: the record answers with the child already read,
    # and with what was read of this person's access to it, rather than
    # reading them again for each check (an action of a meeting, say).
    record.child = child
    return record


def get_meeting_for(user, child, pk, perm=None):
    qs = KeyPersonMeeting.objects.select_related("recorded_by")
    return _get_scoped(qs, user, child, pk, perm)


def get_review_for(user, child, pk, perm=None):
    qs = ProgressReview.objects.select_related("recorded_by", "signed_off_by")
    return _get_scoped(qs, user, child, pk, perm)


def reads_shown_to(user, record):
    """The confirmations of reading a shared `record` that `user` may see
    (see `families.models.homes.confirmations_shown_to`). A record for one
    home shows that home's: given to another home after it was read, it
    waits for the other's, as the lists say."""
    reads = record.reads.select_related("read_by")
    home = getattr(record, "for_household", None)
    if home is not None:
        reads = reads.filter(household=home)
    return confirmations_shown_to(user, reads, record.child_id)


def get_plan_for(user, child, pk, perm=None):
    return _get_scoped(SupportPlan.objects.select_related("recorded_by"), user, child, pk, perm)


def get_notice_for(user, child, pk, perm=None):
    qs = ParentNotice.objects.select_related("sent_by", "seen_by", "replied_by")
    return _get_scoped(qs, user, child, pk, perm)


def get_meeting_request_for(user, child, pk, perm=None):
    qs = MeetingRequest.objects.select_related("requested_by", "answered_by")
    return _get_scoped(qs, user, child, pk, perm)


def get_cp_task_for(user, child, pk):
    """404 for anyone who may not see restricted material about this child."""
    qs = ChildProtectionTask.objects.select_related("recorded_by")
    return _get_scoped(qs, user, child, pk)


def get_action_for(user, child, pk, perm=None):
    return get_object_for(
        user,
        AgreedAction.objects.select_related("meeting"),
        perm=perm,
        meeting__child=child,
        pk=pk,
    )


def meeting_cutoff(today=None):
    """Children with no meeting on or after this day are overdue one."""
    today = today or timezone.localdate()
    return today - timedelta(weeks=SiteConfig.load().meeting_interval_weeks)


def meetings_overdue(children=None, *, cutoff=None):
    """Current children whose last key-person meeting is older than the
    setting's interval (or who never had one), among those who have been
    here longer than the interval. Annotated with `last_meeting`."""
    cutoff = cutoff or meeting_cutoff()
    if children is None:
        return built_once(_meetings_overdue, None, cutoff)
    return _meetings_overdue(children, cutoff)


def _meetings_overdue(children, cutoff):
    qs = children if children is not None else Child.objects.all()
    # No meeting since the cutoff (an anti-join), rather than each child's
    # meetings grouped to find the last: the last is read, for the children
    # overdue only, to show and to order by.
    return (
        qs.current()
        .filter(started_on__lt=cutoff)
        .filter(~Exists(_since(KeyPersonMeeting, "held_on", cutoff)))
        .annotate(last_meeting=_latest(KeyPersonMeeting, "held_on"))
        .order_by(F("last_meeting").asc(nulls_first=True), "last_name", "first_name", "pk")
    )


def review_cutoff(today=None):
    """Children with no progress review on or after this day are due one."""
    today = today or timezone.localdate()
    return today - timedelta(weeks=SiteConfig.load().review_interval_weeks)


def progress_reviews_due(children=None, *, cutoff=None):
    """Current children whose last progress review (the check at age two
    counts) is older than the setting's interval, or who never had one,
    among those here longer than the interval. Annotated with `last_review`."""
    cutoff = cutoff or review_cutoff()
    if children is None:
        return built_once(_progress_reviews_due, None, cutoff)
    return _progress_reviews_due(children, cutoff)


def _progress_reviews_due(children, cutoff):
    qs = children if children is not None else Child.objects.all()
    return (
        qs.current()
        .filter(started_on__lt=cutoff)
        .filter(~Exists(_since(ProgressReview, "reviewed_on", cutoff)))
        .annotate(last_review=_latest(ProgressReview, "reviewed_on"))
        .order_by(F("last_review").asc(nulls_first=True), "last_name", "first_name", "pk")
    )


def _day_number(field, years=0):
    """A date as the number YYYYMMDD (`years` added), to compare two dates
    of a row in SQL on every database."""
    return (
        (ExtractYear(field) + Value(years)) * Value(10000)
        + ExtractMonth(field) * Value(100)
        + ExtractDay(field)
    )


def _without_check(qs):
    """Current children with no check at age two, with the two days the
    overdue rule compares (as numbers, on every database)."""
    checks = ProgressReview.objects.filter(child=OuterRef("pk"), kind=ReviewKind.TWO_YEAR)
    return (
        qs.current()
        .annotate(has_check=Exists(checks))
        .filter(has_check=False)
        .alias(
            started_on_key=_day_number("started_on"),
            third_birthday_key=_day_number("date_of_birth", years=3),
        )
    )


def _check_due(today):
    """Between 24 and 36 months old."""
    return Q(
        date_of_birth__lte=months_before(today, 24), date_of_birth__gt=months_before(today, 36)
    )


def _check_overdue(today):
    """Past 36 months, and with us before their third birthday (a child who
    joined older never had the check at age two with us: it was not ours
    to do)."""
    return Q(date_of_birth__lte=months_before(today, 36)) & Q(
        started_on_key__lt=F("third_birthday_key")
    )


def two_year_checks_due(children=None, *, today=None):
    """Children between 24 and 36 months old with no check at age two yet."""
    today = today or timezone.localdate()
    if children is None:
        return built_once(_checks_due, None, today)
    return _checks_due(children, today)


def _checks_due(children, today):
    qs = children if children is not None else Child.objects.all()
    return _without_check(qs).filter(_check_due(today)).order_by("date_of_birth", "pk")


def two_year_checks_overdue(children=None, *, today=None):
    """Children past 36 months with no check at age two, who were already at
    the nursery before they turned three (so the check was ours to do)."""
    today = today or timezone.localdate()
    if children is None:
        return built_once(_checks_overdue, None, today)
    return _checks_overdue(children, today)


def _checks_overdue(children, today):
    qs = children if children is not None else Child.objects.all()
    return _without_check(qs).filter(_check_overdue(today)).order_by("date_of_birth", "pk")


def two_year_checks_to_do(*, today=None):
    """The checks at age two overdue and due, in one list by the rules of
    the two lists above, oldest child first: every overdue check (a child
    past 36 months) comes before the due ones. Each child is marked
    `check_overdue`."""
    today = today or timezone.localdate()
    return (
        _without_check(Child.objects.all())
        .filter(_check_overdue(today) | _check_due(today))
        .annotate(
            check_overdue=ExpressionWrapper(
                Q(date_of_birth__lte=months_before(today, 36)), output_field=BooleanField()
            )
        )
        .order_by("date_of_birth", "pk")
    )


def two_year_check_state(child, *, today=None):
    """ "overdue", "due" or None for one child, by the very rules of the two
    lists above (the child's page says what the follow-up lists say)."""
    one = Child.objects.filter(pk=child.pk)
    if two_year_checks_overdue(one, today=today).exists():
        return "overdue"
    if two_year_checks_due(one, today=today).exists():
        return "due"
    return None


def details_due_before(now=None):
    """Details last confirmed before this moment are due to be confirmed."""
    if now is None:
        return moment("families.details_due_before", _details_due_before_now)
    return now - relativedelta(months=SiteConfig.load().details_confirm_months)


def _details_due_before_now():
    return details_due_before(timezone.now())


def _details_due(due_before):
    return (
        Q(details__isnull=True)
        | Q(details__last_confirmed_at__isnull=True)
        | Q(details__last_confirmed_at__lt=due_before)
    )


def details_unconfirmed(children=None, *, now=None):
    """Current children whose practical details were never confirmed, or not
    within the setting's interval; the longest unconfirmed first."""
    qs = children if children is not None else Child.objects.all()
    return (
        qs.current()
        .filter(_details_due(details_due_before(now)))
        .select_related("room", "details")
        .order_by(
            F("details__last_confirmed_at").asc(nulls_first=True), "last_name", "first_name", "pk"
        )
    )


def with_details_due(children, *, now=None, due_before=None):
    """The same rule for children listed anyway (a parent's own): each gets
    `details_due`, in the same query (`due_before`: `details_due_before()`,
    when it is already known)."""
    due_before = due_before or details_due_before(now)
    return children.annotate(
        details_due=ExpressionWrapper(_details_due(due_before), output_field=BooleanField())
    )


def parents_children(request):
    """The children the parent making the request may open, read once per
    request however many panels list them: each with its room, its key
    person (`key_person`), `details_due`, `is_current` (not left, not
    restricted), `answered_by_parent` (this parent has parental
    responsibility and portal access, so is the one asked to sign and
    answer) and what the parent's panels join to it
    (`parents_children_joins`)."""
    user = request.user

    def read():
        return compiled_rows(
            "families.parents_children",
            _parents_children,
            user=user,
            due_before=details_due_before(),
        )

    return once_per_request(request, "families.parents_children", read)


def _parents_children(user, due_before):
    current = Child.objects.current().filter(pk=OuterRef("pk"))
    answers = ParentLink.objects.filter(
        parent=user,
        child=OuterRef("pk"),
        portal_access=True,
        has_parental_responsibility=True,
    )
    return (
        with_details_due(
            Child.objects.visible_to(user).select_related(
                "room", "details", *parents_children_joins()
            ),
            due_before=due_before,
        )
        .with_key_person()
        .annotate(is_current=Exists(current), answered_by_parent=Exists(answers))
    )


def child_parent_links(request, child):
    """The child's parent links with their adults, read once per request
    for the child's page and each of its sections that lists them, joined
    to what those sections read of each adult (`child_page_joins`)."""

    def read():
        _child_joins, link_joins = child_page_joins()
        return list(ParentLink.objects.filter(child=child).select_related("parent", *link_joins))

    return once_per_request(request, f"families.parent_links:{child.pk}", read)


def everyday_children(child_ids=None):
    """The children of everyday lists (`Child.objects.current()`): those of
    `child_ids`, or all of them when it is None."""
    children = Child.objects.current()
    return children if child_ids is None else children.filter(pk__in=child_ids)


def key_children_of(user):
    return Child.objects.filter(
        key_person_assignments__practitioner=user, key_person_assignments__ended_on__isnull=True
    )


def _since(model, field, day):
    """The child's `model` records whose `field` is on or after `day`."""
    return model.objects.filter(child=OuterRef("pk"), **{f"{field}__gte": day})


def _latest(model, field):
    """The child's latest `field` among its `model` records, as a subquery."""
    rows = model.objects.filter(child=OuterRef("pk")).order_by(F(field).desc(nulls_last=True))
    return Subquery(rows.values(field)[:1])


def with_reported_absence(children, day):
    """`children` (a queryset), each with `away_until`: the last day of an
    absence the family reported that covers `day` (the latest, if two do),
    or None. Read with the children, no query of its own."""
    absences = (
        ParentNotice.objects.filter(child=OuterRef("pk"))
        .absent_on(day)
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )
    return children.annotate(away_until=Subquery(absences))


def key_children(request):
    """The children whose key person is the person making the request, in
    one query per request however many home panels list or mark them: each
    with its room and `is_current` (as `Child.objects.current()`). Empty for
    a manager who is nobody's key person, and then none of the key person's
    panels asks the database again.

    A practitioner's children come with the follow-up marks of the key
    person's panel (`with_follow_up_marks`), which their home page always
    shows; a manager's are marked only when they have some
    (`marked_key_children`), since building the marks' query costs a few
    milliseconds that most managers' pages would spend for nothing."""

    def read():
        user = request.user
        if user.is_manager:
            return compiled_rows("families.key_children", _key_children, user=user)
        config = SiteConfig.load()
        return compiled_rows(
            "families.marked_key_children",
            _marked_key_children,
            user=user,
            meeting_weeks=fixed(config.meeting_interval_weeks),
            review_weeks=fixed(config.review_interval_weeks),
        )

    return once_per_request(request, "families.key_children", read)


def _key_children(user):
    return _current_by_name(key_children_of(user).select_related("room"))


def _marked_key_children(user, meeting_weeks, review_weeks):
    marks = _follow_up_marks(timezone.localdate(), meeting_weeks, review_weeks)
    return _current_by_name(key_children_of(user).select_related("room").annotate(**marks))


def marked_key_children(request):
    """`key_children` with their follow-up marks (`with_follow_up_marks`):
    no query more for a practitioner, one for a manager who is someone's
    key person, none for one who is nobody's."""
    children = key_children(request)
    if not children or not request.user.is_manager:
        return children

    def read():
        marked = Child.objects.filter(pk__in=[child.pk for child in children])
        return list(_current_by_name(with_follow_up_marks(marked.select_related("room"))))

    return once_per_request(request, "families.marked_key_children", read)


def _current_by_name(children):
    return children.annotate(**_marks_of_the_day(timezone.localdate())).order_by(
        "last_name", "first_name", "pk"
    )


@functools.lru_cache(maxsize=4)
def _marks_of_the_day(today):
    """`is_current`, as an expression built once a day (see `_follow_up_marks`)."""
    return {"is_current": Exists(Child.objects.current().filter(pk=OuterRef("pk")))}


def with_follow_up_marks(children):
    """`children` (a queryset) each marked by the very selectors of the
    follow-up lists: `last_meeting`, `last_review`, `is_meeting_overdue`,
    `is_review_due`, `is_check_overdue` and `is_check_due`. For a handful of
    children (a key person's): each mark is a subquery per child."""
    config = SiteConfig.load()
    return children.annotate(
        **_follow_up_marks(
            timezone.localdate(), config.meeting_interval_weeks, config.review_interval_weeks
        )
    )


@functools.lru_cache(maxsize=4)
def _follow_up_marks(today, meeting_weeks, review_weeks):
    """The follow-up marks' expressions for this day and these intervals,
    built once in each process: building them (the four selectors, each with
    the rule of the children of everyday lists) took Django longer than the
    database took to answer the query they make. They hold no row, only the
    SQL and the day's dates; each queryset that uses them works on its own
    copy."""
    one = Child.objects.filter(pk=OuterRef("pk"))
    return {
        # Read apart, not joined: no grouping, so each mark is worked out
        # once per child.
        "last_meeting": _latest(KeyPersonMeeting, "held_on"),
        "last_review": _latest(ProgressReview, "reviewed_on"),
        "is_meeting_overdue": Exists(
            meetings_overdue(one, cutoff=today - timedelta(weeks=meeting_weeks))
        ),
        "is_check_overdue": Exists(two_year_checks_overdue(one, today=today)),
        "is_check_due": Exists(two_year_checks_due(one, today=today)),
        "is_review_due": Exists(
            progress_reviews_due(one, cutoff=today - timedelta(weeks=review_weeks))
        ),
    }


def key_child_ids(request):
    """The ids of `key_children`, read with them."""
    return [child.pk for child in key_children(request)]


def adults_told(*, child, writer=None, private=False, household=None, responsible=False):
    """The parents and carers who may read an item about `child`: the one rule
    every page, count, notification, bundle and export asks.

    - `writer=None`: the child's record (what staff share with the family):
      every adult whose link lets them see the child.
    - `writer=<user>`: what that adult wrote, or what staff addressed to that
      adult: that adult, and the child's other adults only where they live in
      the writer's household and the item is not `private` ("only the
      nursery and me"). A household is shared only once the manager has
      confirmed it (both links), and what an adult whose access is
      restricted wrote or was told reaches nobody.
    - `household=<n>`: a record shared with one home of the child only (a
      meeting's `for_household`): the adults of that home.
    - `responsible=True`: of those, the adults with parental responsibility
      (only they give or renew a consent, or sign for the child).

    Returns a queryset of users (never staff: staff see every item anyway)."""
    links = child.parent_links.filter(portal_access=True)
    if household is not None:
        links = links.filter(household=household)
    if responsible:
        links = links.filter(has_parental_responsibility=True)
    if writer is None:
        return User.objects.filter(child_links__in=links, is_active=True).distinct()
    own = links.filter(parent=writer)
    if private:
        return User.objects.filter(pk=writer.pk, child_links__in=own).distinct()
    home = own.filter(household_confirmed=True).values("household")
    household = links.filter(Q(parent=writer) | Q(household_confirmed=True, household__in=home))
    return User.objects.filter(child_links__in=household, is_active=True).distinct()


def homes_using_the_portal(child):
    """{household number: [names of its adults who may see the child in the
    portal]} of `child`, by number, in one query."""
    homes = {}
    links = child.parent_links.filter(portal_access=True).select_related("parent")
    for link in links.order_by("household", "pk"):
        homes.setdefault(link.household, []).append(link.parent.full_name)
    return homes


def record_reader(for_household, homes):
    """In words, which home reads a record staff shared with every home
    (`for_household` None) or with one (`homes`: `homes_using_the_portal`)."""
    if for_household is None:
        return _("Every home")
    names = homes.get(for_household)
    if not names:
        return _("No home: the adults of the home it was shared with no longer see the child")
    return _("Only the home of %(names)s") % {"names": ", ".join(names)}


def who_reads(*, addressed, household=None, portal_access=False, household_confirmed=False):
    """For staff, in words, which of a child's adults read an item staff
    addressed to one of them: `adults_told`'s rule for one item, given that
    adult's link to the child as it is now (`household` None where the link
    was removed). `addressed` False: the item names no adult of the child
    (someone written in), and every home of the child reads it."""
    if not addressed:
        return _("Read by every home of the child.")
    if household is None:
        return _("Read by staff only: this adult's link to the child was removed.")
    if not portal_access:
        return _("Read by staff only: this adult's access is restricted.")
    if not household_confirmed:
        return _("Read by this adult only, until the manager confirms their household.")
    return _("Read by household %(number)s only.") % {"number": household}


def since_linked(queryset, parent, *, field, child_field="child"):
    """The records of `queryset` dated (`field`) at or after the moment
    `parent` was linked to the record's child: a carer linked today is not
    shown years-old records as new, nor asked to acknowledge them."""
    return queryset.filter(
        Exists(
            ParentLink.objects.filter(
                parent=parent,
                child=OuterRef(child_field),
                created_at__lte=OuterRef(field),
            )
        )
    )


def with_parental_responsibility(queryset, parent, *, child_field="child"):
    """The records of `queryset` about children for whom `parent` has
    parental responsibility (and portal access): only they sign off or
    answer for the child."""
    return queryset.filter(
        Exists(
            ParentLink.objects.filter(
                parent=parent,
                child=OuterRef(child_field),
                portal_access=True,
                has_parental_responsibility=True,
            )
        )
    )
