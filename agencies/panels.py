"""What agencies adds to shared pages: navigation, the manager's home page
and dashboard, the child's page, and the records that leave the setting."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import (
    Agency,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)
from agencies.services import signposts_for_child, third_party_information_for
from nursery.models import Role
from nursery.navigation import PARTNERSHIPS, THE_NURSERY
from nursery.queries import compiled_rows, count_many
from nursery.registry import (
    ChronologyEntry,
    audit_scope,
    child_section,
    chronology_source,
    dashboard_figure,
    home_panel,
    nav_item,
    record_source,
)

nav_item(
    key="agencies.directory",
    title=_("Agencies"),
    url_name="agencies:directory",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=40,
    group=PARTNERSHIPS,
)
nav_item(
    key="agencies.support_directory",
    title=_("Where to find support"),
    url_name="agencies:directory",
    roles=[Role.PARENT],
    order=40,
    group=THE_NURSERY,
)


@home_panel(
    key="agencies.my_signposts",
    title=_("Support we suggested"),
    roles=[Role.PARENT],
    template="agencies/panels/my_signposts.html",
    order=60,
)
def my_signposts(request):
    """The agencies a parent's family was pointed to, newest first."""
    signposts = compiled_rows("agencies.my_signposts", _my_signposts, user=request.user)
    if not signposts:
        return None
    return {"signposts": signposts}


def _my_signposts(user):
    return (
        Signpost.objects.visible_to(user)
        .select_related("agency", "child")
        .order_by("-signposted_on", "-pk")[:10]
    )


@dashboard_figure(
    key="agencies.reviews_due_count",
    title=_("Partnership reviews due or overdue"),
    url_name="agencies:reviews_due",
    order=30,
)
def reviews_due_count(request):
    return Agency.objects.review_due()


@child_section(
    key="agencies.support",
    title=_("Support from agencies"),
    template="agencies/panels/support.html",
    order=60,
)
def support(request, child):
    """Where to find support: the agencies the family was signposted to.
    The child's parents see the public part; staff also see why."""
    user = request.user
    if not user.has_perm("agencies.view_signposts", child):
        return None
    signposts = compiled_rows(
        "agencies.signposts_for_child", signposts_for_child, child=child.pk, user=user
    )
    can_signpost = user.has_perm("agencies.signpost_family", child)
    if not signposts and not user.is_setting_staff:
        return None
    return {
        "signposts": signposts,
        "staff": user.is_setting_staff,
        "can_signpost": can_signpost,
        "child": child,
    }


@child_section(
    key="agencies.restricted",
    title=_("Restricted records"),
    template="agencies/panels/restricted.html",
    order=90,
)
def restricted_records(request, child):
    """Agencies and information sharing: counts and links only (the records
    themselves open on audited pages). The key person, the DSL, the manager."""
    if not request.user.has_perm("agencies.view_restricted", child):
        return None
    return {
        "child": child,
        **count_many(
            {
                "decisions": SharingDecision.objects.visible_to(request.user).filter(child=child),
                "items": ThirdPartyInformation.objects.filter(child=child),
                "visits": SupervisedVisit.objects.filter(child=child),
            }
        ),
        "show_audit": request.user.has_perm("nursery.view_audit"),
    }


@record_source(
    key="agencies.third_party_information",
    title=_("Information from other agencies"),
    order=80,
    read_perm="agencies.view_restricted",
)
def third_party_information(*, child, recipient):
    """Third-party information the giving agency agreed may go to this
    recipient; nothing else of agencies ever leaves the setting (the sharing
    log and visit notes stay)."""
    items = list(third_party_information_for(child=child, recipient=recipient))
    if not items:
        return None
    return {"template": "agencies/records/third_party.html", "context": {"items": items}}


# A child's safeguarding chronology: information shared and received, and
# agency visits. Titles and who, never the content (it opens on its own
# audited page).


@chronology_source(key="agencies.sharing", title=_("Information shared"), order=60)
def sharing_entries(*, child, user):
    decisions = SharingDecision.objects.visible_to(user).filter(child=child)
    entries = []
    for d in decisions.select_related("agency", "decided_by"):
        kind = (
            _("Shared with %(agency)s") if d.shared else _("Decided not to share with %(agency)s")
        )
        entries.append(
            ChronologyEntry(
                on=d.decided_on,
                kind=str(kind) % {"agency": d.agency},
                summary=f"{d.purpose} ({d.get_consent_display()})",
                by=d.decided_by.full_name,
                url=d.get_absolute_url(),
            )
        )
    return entries


@chronology_source(key="agencies.third_party", title=_("Information received"), order=70)
def third_party_entries(*, child, user):
    items = ThirdPartyInformation.objects.visible_to(user).filter(child=child)
    return [
        ChronologyEntry(
            on=item.received_on,
            kind=str(_("Information received from %(agency)s")) % {"agency": item.agency},
            summary=f"{item.title} ({item.given_by})",
            by=item.recorded_by.full_name,
            url=item.get_absolute_url(),
        )
        for item in items.select_related("agency", "recorded_by")
    ]


@chronology_source(key="agencies.visits", title=_("Agency visits"), order=80)
def visit_entries(*, child, user):
    visits = SupervisedVisit.objects.visible_to(user).filter(child=child)
    return [
        ChronologyEntry(
            on=timezone.localdate(v.arrived_at),
            at=v.arrived_at,
            kind=str(_("Visit by %(agency)s")) % {"agency": v.agency},
            summary=f"{v.visitor_name}, {v.visitor_role}: {v.purpose}",
            by=v.supervised_by.full_name,
            url=v.get_absolute_url(),
        )
        for v in visits.select_related("agency", "supervised_by")
    ]


@audit_scope(
    key="agencies.sharing_for_allegations",
    title=_("Information shared about an allegation a person may not read"),
)
def hidden_sharing(user):
    """The audit log's lines about an entry of the information-sharing log
    are read as the entry is (one made for an allegation, never by the
    member of staff it is about)."""
    return {
        SharingDecision: SharingDecision.objects.exclude(
            pk__in=SharingDecision.objects.visible_to(user).values("pk")
        )
    }
