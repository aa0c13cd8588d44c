"""Reading and writing the safety records.

Selectors (one per rule, used by every page, panel and list that shows it)
come first; then the writes, each `<thing>_<action>(*, ...)` inside
`transaction.atomic`, with one audit line per event.
"""

import hashlib
import re
from collections import defaultdict
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import SupervisedVisit
from consents.models import MedicationIncident, MedicationPermission
from families.models import Child, ParentLink, PracticalDetails
from families.models.homes import confirm_for_home
from families.selectors import with_reported_absence
from nursery import audit
from nursery.errors import DomainError
from nursery.queries import compiled_rows, once_per_request
from nursery.registry import flags_for
from safety.models import (
    Accident,
    AccidentKind,
    Attendance,
    Body,
    CollectedBy,
    CollectionCheck,
    CollectionNotice,
    CollectionPassword,
    Collector,
    HealthAlert,
    MustNotCollect,
    NotificationClock,
    RefusedCollection,
    due_on_for,
)
from safety.notifications import tell_family_of_accident, tell_staff_of_alert

MIN_PASSWORD_LENGTH = 4


class CollectionStopped(ValidationError):
    """A sign-out was stopped because the person must not collect the child.
    The attempt is already kept (`attempt`) when this is raised."""

    def __init__(self, message, *, attempt):
        super().__init__(message)
        self.attempt = attempt


# ---------------------------------------------------------------- reading


def get_child_for(user, pk, perm=None):
    from families.services import get_child_for as families_get_child_for

    return families_get_child_for(user, pk, perm)


def get_accident_for(user, pk):
    """An accident record about a child this person may open, else 404."""
    return get_object_or_404(
        Accident.objects.visible_to(user)
        .with_homes_read(user)
        .select_related("child", "recorded_by", "first_aid_by", "reviewed_by"),
        pk=pk,
    )


def alerts_by_child(children, *, life_threatening_only=False):
    """{child_id: [current HealthAlert, ...]} for many children in one query."""
    found = defaultdict(list)
    for alert in compiled_rows(
        "safety.alerts_by_child",
        _alerts_of,
        child_ids=_ids(children),
        life_threatening_only=life_threatening_only,
    ):
        found[alert.child_id].append(alert)
    return found


def alerts_and_barred(request, children):
    """({child_id: [current health alerts]}, {child_id: [who must not
    collect]}), read once per request for the same children: the child's
    page and the room board show both their flags and their own detail."""
    ids = ",".join(str(child.pk) for child in children)
    return once_per_request(
        request,
        f"safety.alerts_and_barred:{ids}",
        lambda: (alerts_by_child(children), must_not_collect_by_child(children)),
    )


def _ids(children):
    return [child.pk for child in children]


def _alerts_of(child_ids, life_threatening_only):
    qs = HealthAlert.objects.current().filter(child__in=child_ids)
    if life_threatening_only:
        qs = qs.life_threatening()
    return qs.order_by("child_id", "kind", "what", "pk")


def unseen_alerts(children):
    """Alerts a parent added or changed that no member of staff has confirmed seeing."""
    return (
        HealthAlert.objects.unseen()
        .filter(child__in=children)
        .select_related("child", "changed_by")
        .order_by("changed_at", "pk")
    )


def must_not_collect_by_child(children):
    """{child_id: [MustNotCollect, ...]}: the current restrictions, one query."""
    found = defaultdict(list)
    for entry in compiled_rows(
        "safety.must_not_collect_by_child", _must_not_collect, child_ids=_ids(children)
    ):
        found[entry.child_id].append(entry)
    return found


def _must_not_collect(child_ids):
    return MustNotCollect.objects.current().filter(child__in=child_ids).order_by("name", "pk")


def on_restricted_word():
    """For a collection notice: whether the adult whose word it is has a
    link to the child with portal access restricted (a court order, say).
    Such a notice is not enough to hand the child over: the family's
    collection password or the manager's confirmation is needed, as for
    someone not on the list (attendance_sign_out)."""
    return Exists(
        ParentLink.objects.filter(
            child=OuterRef("child"), parent=OuterRef("told_by"), portal_access=False
        )
    )


def notices_on(children, day):
    """{child_id: [CollectionNotice]} of people the family says collect on
    `day`, and of those withdrawn since (staff who heard of them are told
    they are no longer coming), each with `on_restricted_word`."""
    found = defaultdict(list)
    notices = CollectionNotice.objects.filter(child__in=children, on=day).annotate(
        on_restricted_word=on_restricted_word()
    )
    for notice in notices.order_by("told_at"):
        found[notice.child_id].append(notice)
    return found


# The free text of the details form about health that staff must see beside
# the child's alerts until they mark it dealt with (each allergy, condition
# or diet it names has its own alert, or needs none): an alert of the same
# kind does not replace it, since the text may name a second allergy.
# {field: the kind of alert that records what it says}.
WRITTEN_HEALTH = {"allergies": "allergy", "medical_notes": "condition", "dietary_needs": "diet"}
# Those of them marked beside the child's name wherever serious alerts are.
FLAGGED_DETAILS = ("allergies", "medical_notes")


def written_digest(text):
    """What `PracticalDetails.dealt_with` keeps of a text staff dealt with."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


def has_alert_for(field, kinds):
    """Whether the child has a current alert of the kind that records what
    the family wrote in `field` (`kinds`: the kinds of their current
    alerts): only then may staff mark it dealt with."""
    return WRITTEN_HEALTH[field] in kinds


def written_health(details, fields=WRITTEN_HEALTH):
    """{field: text} of what the family wrote on the details form about
    allergies, health conditions and diet that staff have not yet marked
    dealt with as it reads now (a text changed since shows again)."""
    if details is None:
        return {}
    return {
        field: getattr(details, field)
        for field in fields
        if _written(getattr(details, field))
        and details.dealt_with.get(field) != written_digest(getattr(details, field))
    }


def written_flags_by_child(children):
    """{child_id: {field: text}} of the allergies and the health conditions
    on the details form of `children` still to deal with (`written_health`),
    in one query, or none where the children were read with their details:
    how serious they are is not known, so staff must see them wherever the
    child's serious alerts are marked."""
    if all(Child.details.is_cached(child) for child in children):
        # Read with the children (select_related("details")): nothing to ask.
        held = (Child.details.related.get_cached_value(child) for child in children)
        details = [entry for entry in held if entry is not None]
    else:
        details = PracticalDetails.objects.filter(child__in=children).only(
            "child_id", "dealt_with", *FLAGGED_DETAILS
        )
    found = {}
    for entry in details:
        if written := written_health(entry, FLAGGED_DETAILS):
            found[entry.child_id] = written
    return found


# What a family writes on the details form when there is nothing to know.
NONE_KNOWN = {
    "",
    "none",
    "none known",
    "no",
    "n/a",
    "nil",
    "no known allergies",
    "no allergies",
    "nka",
    "no known conditions",
    "nothing",
}


def _written(text):
    """Whether free text on the details form says something ("none known" does not)."""
    return (text or "").strip().rstrip(".!").strip().lower() not in NONE_KNOWN


@transaction.atomic
def written_health_dealt_with(*, child, field, seen, by, request=None):
    """Staff mark what the family wrote in `field` of the details form as
    dealt with, as it read when they saw it (`seen`, its `written_digest`):
    refused when the family has changed it since, so that no one marks a
    text they have not read, and while the child has no current alert of
    its kind, so that one tap never takes an allergy off every list (text
    that needs no alert is put right on the details form, with the family)."""
    if field not in WRITTEN_HEALTH:
        raise DomainError(_("There is nothing to mark here."), code="not_written_health")
    _lock(child)
    details = PracticalDetails.objects.select_for_update().filter(child=child).first()
    text = getattr(details, field, "") if details is not None else ""
    if not _written(text):
        raise DomainError(_("There is nothing to mark here."), code="not_written_health")
    if seen != written_digest(text):
        raise DomainError(
            _(
                "The family changed what they wrote since you opened the page. "
                "Please read it again."
            ),
            code="written_health_changed",
        )
    kinds = set(HealthAlert.objects.current().filter(child=child).values_list("kind", flat=True))
    if not has_alert_for(field, kinds):
        raise DomainError(
            _(
                "Record what is written here as alerts first, then mark it dealt with. If "
                "nothing here needs an alert, correct the details form with the family."
            ),
            code="no_alert_of_its_kind",
        )
    if details.dealt_with.get(field) == seen:
        return details
    details.dealt_with = {**details.dealt_with, field: seen}
    details._change_reason = f"{field} dealt with"  # families.models.core.DETAILS_CHANGES
    details.save(update_fields=["dealt_with"])
    audit.log(
        "safety.written_health.dealt_with",
        actor=by,
        obj=details,
        child=child,
        request=request,
        data={"written": field},
    )
    return details


def accidents_awaiting_acknowledgement(children, user):
    """The accidents of `children` waiting to be read, as `user` is
    concerned (see `AccidentQuerySet.awaiting_acknowledgement`)."""
    return (
        Accident.objects.filter(child__in=children)
        .awaiting_acknowledgement(user)
        .select_related("child")
        .order_by("-occurred_at", "-pk")
    )


def open_clocks():
    """Notifications due after serious accidents and not yet recorded as done."""
    return (
        NotificationClock.objects.open().select_related("accident__child").order_by("due_on", "pk")
    )


def awaiting_review():
    """Accidents, medication incidents and lapses in supervision the manager has not reviewed."""
    return {
        "accidents": Accident.objects.filter(reviewed_at__isnull=True).select_related("child"),
        "medication": MedicationIncident.objects.awaiting_review().select_related(
            "child", "given_by"
        ),
        "lapses": SupervisedVisit.objects.filter(
            supervision_lapsed=True, lapse_reviewed_at__isnull=True
        ).select_related("child", "agency"),
    }


def dsl_items():
    """What the DSL must see: stopped collections and injuries seen at arrival, not yet seen."""
    return {
        "attempts": RefusedCollection.objects.filter(dsl_seen_at__isnull=True)
        .select_related("child", "recorded_by")
        .order_by("-at"),
        "injuries": Accident.objects.filter(kind=AccidentKind.EXISTING, dsl_seen_at__isnull=True)
        .select_related("child")
        .order_by("-occurred_at"),
    }


def room_children(room, day):
    children = (
        Child.objects.filter(room=room, started_on__lte=day)
        .filter(Q(leaving_on__isnull=True) | Q(leaving_on__gte=day))
        .select_related("details")
        .order_by("first_name", "last_name", "pk")
    )
    return list(with_reported_absence(children, day))


def board_for(*, request, room, day):
    """The room board: each child with today's register entry, the marks
    staff see beside the child's name on every list (`flags_for`: serious
    alerts, medicines kept here, who must not collect, consents not in
    force), what to do for a life-threatening alert, medicines due and
    collection facts, in a fixed number of queries whatever the number of
    children."""
    children = room_children(room, day)
    attendance = {a.child_id: a for a in Attendance.objects.filter(child__in=children, on=day)}
    alerts, barred = alerts_and_barred(request, children)
    flags_for(request, children)
    medicines = defaultdict(list)
    for permission in (
        MedicationPermission.objects.filter(child__in=children).active_on(day).order_by("medicine")
    ):
        medicines[permission.child_id].append(permission)
    notices = notices_on(children, day)
    expected, away, present, gone = [], [], [], []
    for child in children:
        child.attendance = attendance.get(child.pk)
        child.alerts = alerts.get(child.pk, [])
        child.life_threatening = [a for a in child.alerts if a.is_life_threatening]
        child.new_alerts = [a for a in child.alerts if a.is_new]
        child.written_health = written_health(getattr(child, "details", None))
        child.medicines = medicines.get(child.pk, [])
        child.barred = barred.get(child.pk, [])
        child.collecting_today = notices.get(child.pk, [])
        if child.attendance is None:
            # Reported away by the family: still signed in if they come.
            (away if child.away_until else expected).append(child)
        elif child.attendance.signed_out_at is None:
            present.append(child)
        else:
            gone.append(child)
    return {
        "children": children,
        "expected": expected,
        "away": away,
        "present": present,
        "gone": gone,
    }


def register_for(*, room, day):
    """The daily record of attendance: each child of the room on `day` with
    their register entry, their key person and any absence the family
    reported for the day (a fixed number of queries)."""
    qs = (
        Child.objects.filter(started_on__lte=day)
        .filter(Q(leaving_on__isnull=True) | Q(leaving_on__gte=day))
        .with_key_person()
        .order_by("last_name", "first_name", "pk")
    )
    if room is not None:
        qs = qs.filter(room=room)
    children = list(with_reported_absence(qs.select_related("room", "details"), day))
    attendance = {a.child_id: a for a in Attendance.objects.filter(child__in=children, on=day)}
    for child in children:
        child.attendance = attendance.get(child.pk)
    return children


# ---------------------------------------------------------------- names


def _words(name):
    return [w for w in re.split(r"[^\w'-]+", (name or "").lower()) if w]


def names_match(a, b):
    """Whether two names may be the same person: every word of the shorter
    appears in the longer ("Rory Ashworth" and "Rory J. Ashworth")."""
    first, second = set(_words(a)), set(_words(b))
    if not first or not second:
        return False
    return first <= second or second <= first


def _names_in(text, child):
    words = set(_words(text))
    names = {w for w in _words(child.first_name) + _words(child.preferred_name) if len(w) > 1}
    return bool(words & names)


def _lock(child):
    return Child.objects.select_for_update().get(pk=child.pk)


def _mark_once(record, *, by, at, who, code, request, check=None):
    """Lock `record` and set its `at` field to now and its `who` field to
    `by`, unless another request set them first; audited once, under
    `code`. `check(record)`, if given, runs under the lock before the change
    and may refuse it (a DomainError). Returns the record as locked."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if getattr(record, at) is not None:
        return record
    if check is not None:
        check(record)
    setattr(record, at, timezone.now())
    setattr(record, who, by)
    record.save(update_fields=[at, who])
    audit.log(code, actor=by, obj=record, child=record.child, request=request)
    return record


# ---------------------------------------------------------------- health alerts


@transaction.atomic
def alert_save(*, alert, child, by, request=None):
    """Add or change a health alert. A parent's change waits as "new" until
    a member of staff confirms seeing it; a member of staff has seen their own."""
    _lock(child)
    created = alert.pk is None
    if not created:
        before = HealthAlert.objects.filter(pk=alert.pk).values_list("kind", flat=True).first()
        _show_written_again(child, {before, alert.kind})
    alert.child = child
    alert.changed_by = by
    alert.changed_at = timezone.now()
    if alert.kind == "diet":
        alert.severity = alert.severity or ""
    else:
        alert.diet_kind = ""
    if by.is_setting_staff:
        alert.seen_by, alert.seen_at = by, alert.changed_at
    else:
        alert.seen_by, alert.seen_at = None, None
    alert.save()
    audit.log(
        "safety.healthalert.recorded" if created else "safety.healthalert.changed",
        actor=by,
        obj=alert,
        child=child,
        request=request,
    )
    if by.is_parent:
        tell_staff_of_alert(alert)
    return alert


@transaction.atomic
def alert_end(*, alert, by, request=None):
    """The alert no longer applies; it stays in the history. What the family
    wrote of its kind, marked dealt with while it stood, shows again."""
    _lock(alert.child)
    ended = _mark_once(
        alert,
        by=by,
        at="ended_at",
        who="ended_by",
        code="safety.healthalert.ended",
        request=request,
    )
    _show_written_again(alert.child, {ended.kind})
    return ended


def _show_written_again(child, kinds):
    """An alert of one of `kinds` changed or ended: the mark "dealt with" on
    what the family wrote of that kind no longer stands (it was given while
    the alert read as it did), so the text is shown to staff again until
    they mark it anew. Under the child's lock, as `written_health_dealt_with`."""
    fields = {field for field, kind in WRITTEN_HEALTH.items() if kind in kinds}
    details = PracticalDetails.objects.select_for_update().filter(child=child).first()
    if details is None or not fields & details.dealt_with.keys():
        return
    details.dealt_with = {f: d for f, d in details.dealt_with.items() if f not in fields}
    details._change_reason = "shown again"  # families.models.core.DETAILS_CHANGES
    details.save(update_fields=["dealt_with"])


@transaction.atomic
def alert_confirm_seen(*, alert, by, request=None):
    """A member of staff has read a parent's new or changed alert: who and when."""
    return _mark_once(
        alert, by=by, at="seen_at", who="seen_by", code="safety.healthalert.seen", request=request
    )


# ---------------------------------------------------------------- who may collect


@transaction.atomic
def collector_add(*, collector, child, by, request=None):
    _lock(child)
    collector.child = child
    collector.added_by = by
    collector.save()
    audit.log("safety.collector.recorded", actor=by, obj=collector, child=child, request=request)
    return collector


@transaction.atomic
def collector_remove(*, collector, by, request=None):
    return _mark_once(
        collector,
        by=by,
        at="removed_at",
        who="removed_by",
        code="safety.collector.removed",
        request=request,
    )


@transaction.atomic
def collection_password_set(*, child, password, by, request=None):
    """Keep the family's collection password, hashed: it is never shown again."""
    _lock(child)
    if len((password or "").strip()) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            {
                "password": _("Choose a password of at least %(n)s letters.")
                % {"n": MIN_PASSWORD_LENGTH}
            }
        )
    entry, _created = CollectionPassword.objects.update_or_create(
        child=child,
        defaults={
            "password_hash": make_password(password.strip().lower()),
            "set_by": by,
            "set_at": timezone.now(),
        },
    )
    audit.log("safety.collectionpassword.set", actor=by, obj=entry, child=child, request=request)
    return entry


def password_matches(child, password):
    entry = CollectionPassword.objects.filter(child=child).first()
    return entry is not None and check_password(
        (password or "").strip().lower(), entry.password_hash
    )


@transaction.atomic
def must_not_collect_record(*, entry, child, by, request=None):
    _lock(child)
    entry.child = child
    entry.recorded_by = by
    entry.save()
    audit.log("safety.mustnotcollect.recorded", actor=by, obj=entry, child=child, request=request)
    return entry


@transaction.atomic
def must_not_collect_end(*, entry, by, request=None):
    return _mark_once(
        entry,
        by=by,
        at="ended_at",
        who="ended_by",
        code="safety.mustnotcollect.ended",
        request=request,
    )


@transaction.atomic
def collection_notice_record(*, notice, child, by, on_word_of=None, request=None):
    """A parent says who else collects on a day; or staff take it down on
    the word of one of the child's adults (`on_word_of`), whose notice it
    then is, for them and their home to read, or of someone else (None:
    staff's own record)."""
    _lock(child)
    if notice.on < timezone.localdate():
        raise ValidationError({"on": _("The day cannot be in the past.")})
    notice.child = child
    notice.told_by, notice.taken_by = by, None
    if on_word_of is not None:
        if not ParentLink.objects.filter(parent=on_word_of, child=child).exists():
            raise ValidationError(
                {"on_word_of": _("Choose one of this child's parents or carers.")}
            )
        notice.told_by, notice.taken_by = on_word_of, by
    # The same person for the same day, told twice (a form sent twice, or a
    # second message to be sure), stands once. Only what the adult whose
    # word it is may read counts (and their own, for an adult whose access
    # is restricted, who reads none): the other home's notice of the same
    # person is not confirmed to them by a refusal.
    readable = CollectionNotice.objects.visible_to(notice.told_by).values("pk")
    if (
        CollectionNotice.objects.standing()
        .filter(Q(told_by=notice.told_by) | Q(pk__in=readable))
        .filter(child=child, on=notice.on, name__iexact=notice.name.strip())
        .exists()
    ):
        raise ValidationError(
            {
                "name": _("We already know that %(name)s is collecting on that day.")
                % {"name": notice.name.strip()}
            }
        )
    notice.save()
    audit.log(
        "safety.collectionnotice.recorded", actor=by, obj=notice, child=child, request=request
    )
    return notice


def may_withdraw_notice(user, notice):
    """The adult whose word it is, and staff, say the person is no longer
    coming (the other adults of that home read it, and ask them or staff)."""
    return user.is_setting_staff or notice.told_by_id == user.pk


@transaction.atomic
def collection_notice_withdraw(*, notice, by, request=None):
    """The person told of is no longer coming. A notice of a day gone by is
    the record of that day and stays as it is."""
    if not may_withdraw_notice(by, notice):
        raise PermissionDenied

    def still_to_come(notice):
        if notice.on < timezone.localdate():
            raise DomainError(_("That day has gone: the notice stays as it was."), code="past")

    return _mark_once(
        notice,
        by=by,
        at="withdrawn_at",
        who="withdrawn_by",
        code="safety.collectionnotice.withdrawn",
        request=request,
        check=still_to_come,
    )


# ---------------------------------------------------------------- the register


@transaction.atomic
def attendance_sign_in(*, child, at, brought_by, by, request=None):
    """Sign the child in for the day of `at`."""
    _lock(child)
    if at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"at": _("The time cannot be in the future.")})
    day = timezone.localtime(at).date()
    if Attendance.objects.filter(child=child, on=day).exists():
        raise DomainError(
            _("%(child)s is already signed in for that day.") % {"child": child},
            code="already_signed_in",
        )
    attendance = Attendance.objects.create(
        child=child, on=day, signed_in_at=at, brought_by=brought_by.strip(), signed_in_by=by
    )
    audit.log("safety.attendance.signed_in", actor=by, obj=attendance, child=child, request=request)
    return attendance


def collection_choices(child, day):
    """The people who may collect the child today, as (key, name, kind, object)."""
    choices = []
    for link in ParentLink.objects.filter(child=child).select_related("parent"):
        choices.append((f"parent:{link.pk}", link.parent.full_name, CollectedBy.PARENT, link))
    for collector in Collector.objects.filter(child=child, removed_at__isnull=True):
        choices.append(
            (f"collector:{collector.pk}", collector.name, CollectedBy.COLLECTOR, collector)
        )
    notices = (
        CollectionNotice.objects.standing()
        .filter(child=child, on=day)
        .annotate(on_restricted_word=on_restricted_word())
    )
    for notice in notices:
        choices.append((f"notice:{notice.pk}", notice.name, CollectedBy.NOTICE, notice))
    return choices


def why_checked(kind, obj):
    """Why handing the child to a choice of `collection_choices` (or to
    "other", `obj` None) needs the family's collection password or the
    manager's confirmation, or None where it does not: someone not on the
    list ("other"), an adult of the child's whose access is restricted (a
    court order, say: "restricted_adult"), or someone told of only by such
    an adult ("restricted_word")."""
    if kind == CollectedBy.OTHER:
        return "other"
    if kind == CollectedBy.PARENT and not obj.portal_access:
        return "restricted_adult"
    if kind == CollectedBy.NOTICE and obj.on_restricted_word:
        return "restricted_word"
    return None


def _stop_message(child, entry):
    return _(
        "Stop: %(name)s must not collect %(child)s. Do not hand %(child)s over. Keep "
        "%(child)s with you, stay calm and do not argue. Tell the manager and the "
        "designated safeguarding lead now, then call the parent or carer who normally "
        "collects. If anyone is at risk, call 999. This attempt has been recorded and "
        "the DSL has been told."
    ) % {"name": entry.name, "child": child.display_name}


def attendance_sign_out(
    *, child, at, who, other_name="", password="", manager_confirms=False, by, request=None
):
    """Sign the child out to `who` (a key from `collection_choices`, or
    "other" with `other_name`).

    A person who must not collect is stopped: the attempt is kept and the
    DSL told, then CollectionStopped is raised with what to do next. Someone
    not on the list needs the family's collection password or the manager's
    confirmation, and which of them it was is recorded.
    """
    attempt = None
    with transaction.atomic():
        _lock(child)
        day = timezone.localtime(at).date()
        attendance = Attendance.objects.select_for_update().filter(child=child, on=day).first()
        if attendance is None:
            raise DomainError(
                _("Sign the child in first: there is no entry for that day."),
                code="not_signed_in",
            )
        if attendance.signed_out_at is not None:
            raise DomainError(_("The child is already signed out."), code="already_signed_out")
        if at < attendance.signed_in_at:
            raise ValidationError({"at": _("The time must be after the child arrived.")})
        if at > timezone.now() + timedelta(minutes=5):
            raise ValidationError({"at": _("The time cannot be in the future.")})
        choices = {
            key: (name, kind, obj) for key, name, kind, obj in collection_choices(child, day)
        }
        if who == "other":
            name, kind, obj = (other_name or "").strip(), CollectedBy.OTHER, None
            if not name:
                raise ValidationError({"other_name": _("Write the name of the person collecting.")})
        elif who in choices:
            name, kind, obj = choices[who]
        else:
            raise ValidationError({"who": _("Choose who is collecting.")})
        barred = next(
            (
                e
                for e in MustNotCollect.objects.current().filter(child=child)
                if names_match(e.name, name)
            ),
            None,
        )
        if barred is not None:
            attempt = RefusedCollection.objects.create(
                child=child,
                person=name,
                must_not_collect=barred,
                reason=_("On the must-not-collect list"),
                recorded_by=by,
            )
            audit.log(
                "safety.refusedcollection.recorded",
                actor=by,
                obj=attempt,
                child=child,
                request=request,
            )
        else:
            check = CollectionCheck.LISTED
            confirmed_by = None
            if password and not password_matches(child, password):
                raise ValidationError(
                    {
                        "password": _(
                            "The password does not match. Do not hand the child over yet: "
                            "ask the manager."
                        )
                    }
                )
            checked = why_checked(kind, obj)
            if checked:
                if password:
                    check = CollectionCheck.PASSWORD
                elif manager_confirms and by.is_manager:
                    check, confirmed_by = CollectionCheck.MANAGER, by
                elif manager_confirms:
                    raise ValidationError(
                        {
                            "manager_confirms": _(
                                "Only the manager can confirm this. Ask the manager to sign the "
                                "child out."
                            )
                        }
                    )
                else:
                    if checked == "restricted_adult":
                        why = _("%(name)s's access to the child is restricted.")
                    elif checked == "restricted_word":
                        why = _(
                            "We were told %(name)s is collecting by an adult whose access to "
                            "the child is restricted."
                        )
                    else:
                        why = _("%(name)s is not on the list of people who may collect.")
                    if by.is_manager:
                        ask = _(
                            "Ask for the family's collection password, or tick the box to "
                            "confirm as the manager."
                        )
                    else:
                        ask = _(
                            "Ask for the family's collection password, or ask the manager to "
                            "confirm."
                        )
                    raise ValidationError({"password": f"{why % {'name': name}} {ask}"})
            attendance.signed_out_at = at
            attendance.collected_by = name
            attendance.collected_kind = kind
            attendance.collection_check = check
            attendance.confirmed_by = confirmed_by
            attendance.signed_out_by = by
            attendance.save()
            audit.log(
                "safety.attendance.signed_out",
                actor=by,
                obj=attendance,
                child=child,
                request=request,
                data={"collected_by": kind, "check": check},
            )
    if attempt is not None:
        raise CollectionStopped(_stop_message(child, attempt.must_not_collect), attempt=attempt)
    return attendance


@transaction.atomic
def dsl_mark_seen(*, item, by, request=None):
    """The DSL has seen a stopped collection or an injury seen at arrival."""
    return _mark_once(
        item,
        by=by,
        at="dsl_seen_at",
        who="dsl_seen_by",
        code="safety.dsl_item.seen",
        request=request,
    )


# ---------------------------------------------------------------- accidents


FAMILY_FIELDS = ("what_happened", "location", "first_aid", "witness", "parent_explanation")


@transaction.atomic
def accident_record(
    *, accident, child, other_children=(), riddor=False, lcpa=False, by, request=None
):
    """Keep an accident, incident or injury seen at arrival. The family sees
    it on their home page until they acknowledge it; the manager reviews it.
    A serious injury or hospital treatment starts the notification clocks."""
    _lock(child)
    others = [c for c in other_children if c.pk != child.pk]
    errors = {}
    for other in others:
        for field in FAMILY_FIELDS:
            if _names_in(getattr(accident, field, ""), other):
                errors.setdefault(field, []).append(
                    _(
                        "The family reads this: do not name another child (%(name)s). "
                        "Write “another child” instead."
                    )
                    % {"name": other.first_name}
                )
    if errors:
        raise ValidationError(errors)
    if accident.occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("The time cannot be in the future.")})
    accident.child = child
    accident.recorded_by = by
    accident.save()
    accident.other_children.set(others)
    if accident.starts_clocks:
        bodies = [Body.OFSTED] + ([Body.RIDDOR] if riddor else []) + ([Body.LCPA] if lcpa else [])
        for body in bodies:
            NotificationClock.objects.create(
                accident=accident, body=body, due_on=due_on_for(body, accident.occurred_at)
            )
    audit.log(
        "safety.accident.recorded",
        actor=by,
        obj=accident,
        child=child,
        request=request,
        data={"accident_kind": accident.kind},
    )
    # The family, by email at once whatever they chose (a safety kind).
    tell_family_of_accident(accident)
    return accident


@transaction.atomic
def accident_acknowledge(*, accident, by, comment="", request=None):
    """A parent or carer has read the record, for their home: once for each
    home (a second time, or another adult of the same home, changes
    nothing; the other home still acknowledges for itself). True when this
    acknowledgement is new."""
    accident = Accident.objects.select_for_update().get(pk=accident.pk)
    new = confirm_for_home(
        accident.acknowledgements,
        by=by,
        child_id=accident.child_id,
        acknowledged_by=by,
        comment=comment.strip(),
    )
    if new:
        audit.log(
            "safety.accident.acknowledged",
            actor=by,
            obj=accident,
            child=accident.child,
            request=request,
        )
    return new


# Words that name one of the child's adults without their name ("Ada's
# mum", "Dad"), by the relationship their link records; and the titles that
# name one by surname ("Mrs Ashworth").
PARENT_WORDS = {
    "mother": {"mum", "mummy", "mam", "mom", "mommy", "mother"},
    "father": {"dad", "daddy", "father"},
    "step_parent": {"stepmum", "stepmother", "stepdad", "stepfather"},
}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}


def _names_a_parent(written, links):
    """Whether a name written in for someone else names one of the child's
    adults after all: by their name, as the parent their link says they are
    ("Ada's mum", where the child's mother is linked), or by a title and
    their surname ("Mrs Ashworth"). A mother who is not linked is someone
    else: staff write her in."""
    words = set(_words(written))
    rest = words - TITLES
    for link in links:
        if names_match(written, link.parent.full_name):
            return True
        if words & PARENT_WORDS.get(link.relationship, set()):
            return True
        if words & TITLES and rest and rest <= set(_words(link.parent.full_name)):
            return True
    return False


@transaction.atomic
def parent_contact_record(*, contact, accident, by, adult=None, request=None):
    """One line of a medical emergency's timeline: when the parents were
    contacted, what told. `adult`: the child's parent or carer contacted,
    if it was one (their home alone reads the line). One of the child's
    adults written in by name instead is refused: every home would read it."""
    if contact.at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"at": _("The time cannot be in the future.")})
    links = list(ParentLink.objects.filter(child=accident.child_id).select_related("parent"))
    if adult is not None and all(link.parent_id != adult.pk for link in links):
        raise ValidationError({"on_link": _("Choose one of this child's parents or carers.")})
    if adult is None and _names_a_parent(contact.contacted, links):
        raise ValidationError(
            {
                "contacted": _(
                    "This names one of the child's parents or carers: choose them above, so "
                    "that only their home reads this contact."
                )
            }
        )
    contact.adult = adult
    contact.accident = accident
    contact.by = by
    contact.save()
    audit.log(
        "safety.parentcontact.recorded",
        actor=by,
        obj=contact,
        child=accident.child,
        request=request,
    )
    return contact


# The three kinds of record the manager reviews, with their review fields.
REVIEWED = {
    "accident": (Accident, "reviewed_by", "reviewed_at", "review_note"),
    "medication": (MedicationIncident, "reviewed_by", "reviewed_at", "review_note"),
    "lapse": (SupervisedVisit, "lapse_reviewed_by", "lapse_reviewed_at", "lapse_review_note"),
}


@transaction.atomic
def incident_review(*, kind, pk, by, note, request=None):
    """The manager reviews an accident, a medication incident or a lapse in
    supervision: who, when, and what they concluded. Reviewed once."""
    model, by_field, at_field, note_field = REVIEWED[kind]
    record = get_object_or_404(model.objects.select_for_update(), pk=pk)
    if kind == "lapse" and not record.supervision_lapsed:
        raise DomainError(_("This visit has no lapse to review."), code="no_lapse")
    if getattr(record, at_field) is not None:
        raise DomainError(_("This was already reviewed."), code="already_reviewed")
    if not (note or "").strip():
        raise ValidationError({"note": _("Write what you found and what will change.")})
    setattr(record, by_field, by)
    setattr(record, at_field, timezone.now())
    setattr(record, note_field, note.strip())
    record.save(update_fields=[by_field, at_field, note_field])
    audit.log(
        "safety.incident.reviewed",
        actor=by,
        obj=record,
        child=record.child,
        request=request,
        data={"incident": kind},
    )
    return record


@transaction.atomic
def notification_done(*, clock, by, reference="", request=None):
    """The notification was made: the clock stops."""
    clock = (
        NotificationClock.objects.select_for_update().select_related("accident").get(pk=clock.pk)
    )
    if clock.done_at is None:
        clock.done_at, clock.done_by, clock.reference = timezone.now(), by, reference.strip()
        clock.save(update_fields=["done_at", "done_by", "reference"])
        audit.log(
            "safety.notification.made",
            actor=by,
            obj=clock,
            child=clock.accident.child,
            request=request,
            data={"body": clock.body},
        )
    return clock
