"""Records and rights in the demo: requests for data at each stage, a legal
hold and a restriction on children who have left."""

from datetime import timedelta

from families.models import Child
from nursery.demo import DEMO_DOMAIN
from nursery.models import User
from records import pack, services
from records.models import ChildProtectionDecision, RequestVia, RightsDecision, RightsKind


def populate(ctx):
    today = ctx.today
    manager, dsl = ctx.data["manager"], ctx.data["dsl"]
    parent = User.objects.get(email=f"parent@{DEMO_DOMAIN}")
    parent_b = User.objects.get(email=f"parent.b@{DEMO_DOMAIN}")

    # The demo parent asked two months ago and has their records.
    answered = services.sar_make(
        requester=parent,
        by=parent,
        via=RequestVia.PORTAL,
        received_on=today - timedelta(days=60),
        details="Everything you keep about me and my children, please.",
    )
    if pack.holds_child_protection_material(parent):
        services.sar_decide_child_protection(
            sar=answered,
            by=dsl,
            decision=ChildProtectionDecision.WITHHELD,
            reason="Giving it now could put the child at risk; reviewed with the social worker.",
        )
    services.sar_prepare(sar=answered, by=manager)
    services.sar_deliver(sar=answered, by=manager, method="In the portal")

    # Parent B asked in the portal last week: waiting for the manager.
    services.sar_make(
        requester=parent_b, by=parent_b, via=RequestVia.PORTAL, received_on=today - timedelta(7)
    )

    # A letter from another parent, received 25 days ago, given more time.
    others = list(
        User.objects.filter(child_links__isnull=False)
        .exclude(pk__in=[parent.pk, parent_b.pk])
        .exclude(email__in=[f"separated.mum@{DEMO_DOMAIN}", f"restricted@{DEMO_DOMAIN}"])
        .distinct()
        .order_by("pk")[:2]
    )
    if others:
        letter = services.sar_make(
            requester=others[0],
            by=manager,
            via=RequestVia.PAPER,
            received_on=today - timedelta(days=25),
            identity_checked="Signed letter; known to the manager, seen at collection.",
            details="Copies of all emails and notes about my family since 2023.",
        )
        services.sar_extend(
            sar=letter,
            by=manager,
            months=1,
            reason="Three years of records across two children need reading one by one.",
        )


def finish(ctx):
    """After every app's records: a legal hold, and a restriction while a
    date is checked, on children who have left (a restricted child's
    records take no more writes)."""
    today, manager = ctx.today, ctx.data["manager"]
    # Those who left first; else those leaving soonest.
    leavers = list(Child.objects.exclude(leaving_on=None).order_by("leaving_on", "pk")[:2])
    if leavers:
        services.hold_place(
            by=manager,
            child=leavers[0],
            reason="An insurance claim about an accident in the garden is open.",
        )
    if len(leavers) > 1:
        link = leavers[1].parent_links.select_related("parent").first()
        if link is not None:
            rr = services.rights_record(
                kind=RightsKind.RESTRICTION,
                ground="accuracy_contested",
                child=leavers[1],
                requester=link.parent,
                details="The leaving date and the last progress review are wrong.",
                received_on=today - timedelta(days=3),
                by=manager,
            )
            if leavers[1].leaving_on >= today:
                return  # still here: the request waits for the manager's decision
            services.rights_decide(
                rr=rr,
                decision=RightsDecision.GRANTED,
                reason="Restricted while the dates are checked with the family.",
                by=manager,
            )
