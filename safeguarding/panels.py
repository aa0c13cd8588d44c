"""What safeguarding adds to shared pages: the navigation, the safeguarding
lead's home panel ("what do I need to do now"), the child's page, and its
entries in each child's chronology."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import ChildProtectionTask
from nursery.models import Role
from nursery.navigation import CHILDREN
from nursery.registry import (
    ChronologyEntry,
    audit_scope,
    child_section,
    chronology_source,
    home_panel,
    nav_item,
)
from safeguarding.models import Concern, Decision, Referral, SafeguardingStatus
from transitions.models import ChildProtectionHandover

STAFF = [Role.PRACTITIONER, Role.MANAGER]

nav_item(
    key="safeguarding.record_concern",
    title=gettext_lazy("Record a concern"),
    url_name="safeguarding:concern_create",
    roles=STAFF,
    order=58,
    group=CHILDREN,
)


def _leads(user):
    return user.is_setting_staff and (user.is_dsl or user.is_manager)


def _counted_for_leads(request):
    """The DSL's and the manager's figures, counted with the home page's
    others: the concerns waiting for a decision (how many of them nobody
    has opened yet, how many are allegations about staff), the child-
    protection-plan tasks due or overdue (how many overdue), the children
    with a safeguarding status, the child-protection files awaiting the
    school's receipt (and how many of them are overdue), the referrals
    awaiting an outcome."""
    user = request.user
    if not _leads(user):
        return None
    today = timezone.localdate()
    files = ChildProtectionHandover.objects.visible_to(user)
    concerns = Concern.objects.visible_to(user).waiting()
    tasks = ChildProtectionTask.objects.visible_to(user).due_or_overdue(on=today)
    return {
        "concern_count": concerns,
        "concerns_unopened": concerns.filter(opened_at__isnull=True),
        "allegations_waiting": concerns.filter(about_staff__isnull=False),
        "task_count": tasks,
        "tasks_overdue": tasks.filter(due_on__lt=today),
        "status_count": SafeguardingStatus.objects.current(today).values("child").distinct(),
        "file_count": files.filter(received_on__isnull=True),
        "files_overdue": files.overdue(),
        "referral_count": Referral.objects.visible_to(user).awaiting_outcome(),
    }


@home_panel(
    key="safeguarding.to_do",
    title=gettext_lazy("Safeguarding: what needs doing now"),
    roles=STAFF,
    template="safeguarding/panels/to_do.html",
    order=2,
    counts=_counted_for_leads,
)
def safeguarding_to_do(request, counted):
    """The DSL and the manager: figures, each leading to its list, all
    counted with the home page's other figures (no query of its own). The
    home page names no concern, task, file or referral: the lists that name
    them log their reading, as every reading of safeguarding material is."""
    if not _leads(request.user):
        return None
    return counted


@child_section(
    key="safeguarding.child",
    title=gettext_lazy("Safeguarding"),
    template="safeguarding/panels/child.html",
    order=95,
)
def child_safeguarding(request, child):
    """Every member of staff may record a concern; the key person, the DSL
    and the manager also open the child's safeguarding records."""
    user = request.user
    if not user.has_perm("safeguarding.record_concern"):
        return None
    return {
        "child": child,
        "can_read": user.has_perm("safeguarding.view_child", child),
        "can_audit": user.has_perm("safeguarding.view_restricted_audit"),
    }


# --- The chronology ------------------------------------------------------------


def _name(user):
    return user.full_name if user is not None else ""


def _summary(concern):
    parts = [concern.what_happened]
    if concern.child_words:
        parts.append(_("The child said: “%(words)s”") % {"words": concern.child_words})
    if concern.body_area:
        parts.append(_("Body area: %(area)s") % {"area": concern.get_body_area_display()})
    return "\n".join(parts)


@chronology_source(key="safeguarding.concerns", title=gettext_lazy("Concerns"), order=10)
def concern_entries(*, child, user):
    concerns = Concern.objects.visible_to(user).filter(child=child).select_related("recorded_by")
    entries = []
    for c in concerns:
        kind = _("Allegation about a member of staff") if c.is_allegation else _("Concern")
        entries.append(
            ChronologyEntry(
                on=timezone.localdate(c.observed_at),
                at=c.observed_at,
                kind=kind,
                summary=_summary(c),
                by=_name(c.recorded_by),
                url=c.get_absolute_url(),
            )
        )
    return entries


@chronology_source(key="safeguarding.decisions", title=gettext_lazy("Decisions"), order=20)
def decision_entries(*, child, user):
    decisions = Decision.objects.filter(
        concern__in=Concern.objects.visible_to(user).filter(child=child)
    ).select_related("decided_by", "concern")
    return [
        ChronologyEntry(
            on=timezone.localdate(d.decided_at),
            at=d.decided_at,
            kind=_("Decision: %(outcome)s") % {"outcome": d.get_outcome_display()},
            summary=d.reason,
            by=_name(d.decided_by),
            url=d.concern.get_absolute_url(),
        )
        for d in decisions
    ]


@chronology_source(key="safeguarding.referrals", title=gettext_lazy("Referrals"), order=30)
def referral_entries(*, child, user):
    referrals = Referral.objects.filter(
        concern__in=Concern.objects.visible_to(user).filter(child=child)
    ).select_related("agency", "made_by", "outcome_recorded_by")
    entries = []
    for r in referrals:
        reference = f" ({r.reference})" if r.reference else ""
        entries.append(
            ChronologyEntry(
                on=r.made_on,
                kind=_("Referral to %(agency)s") % {"agency": r.agency},
                summary=_("Contact: %(contact)s%(reference)s")
                % {"contact": r.contact, "reference": reference},
                by=_name(r.made_by),
                url=r.get_absolute_url(),
            )
        )
        if r.outcome_on is not None:
            entries.append(
                ChronologyEntry(
                    on=r.outcome_on,
                    kind=_("Outcome of the referral to %(agency)s") % {"agency": r.agency},
                    summary=r.outcome,
                    by=_name(r.outcome_recorded_by),
                    url=r.get_absolute_url(),
                )
            )
    return entries


@chronology_source(key="safeguarding.statuses", title=gettext_lazy("Safeguarding status"), order=40)
def status_entries(*, child, user):
    statuses = SafeguardingStatus.objects.visible_to(user).filter(child=child)
    statuses = statuses.select_related("recorded_by", "ended_by")
    entries = []
    for s in statuses:
        entries.append(
            ChronologyEntry(
                on=s.started_on,
                kind=_("Status from: %(kind)s") % {"kind": s.get_kind_display()},
                summary=s.notes,
                by=_name(s.recorded_by),
            )
        )
        if s.ended_on is not None:
            entries.append(
                ChronologyEntry(
                    on=s.ended_on,
                    kind=_("Status ended: %(kind)s") % {"kind": s.get_kind_display()},
                    summary="",
                    by=_name(s.ended_by),
                )
            )
    return entries


@audit_scope(
    key="safeguarding.allegations",
    title=gettext_lazy("Concerns a person may not read, and their decisions and referrals"),
)
def hidden_concerns(user):
    """The audit log's lines about a concern are read as the concern is: an
    allegation never by the member of staff it is about."""
    hidden = Concern.objects.exclude(pk__in=Concern.objects.visible_to(user).values("pk"))
    return {
        Concern: hidden,
        Decision: Decision.objects.filter(concern__in=hidden),
        Referral: Referral.objects.filter(concern__in=hidden),
    }
