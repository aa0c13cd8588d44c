"""Demo safeguarding records: a child on a child-protection plan with the
concern, decision and referral that led to it; a concern waiting for the
DSL; one being monitored; an early-help referral awaiting its outcome; and
an allegation about a member of staff referred to the LADO."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from agencies.models import Agency, ConsentToShare, SendMethod, SharingDecision
from families.models import ChildProtectionTask
from safeguarding.models import (
    BodyArea,
    Concern,
    Decision,
    Outcome,
    Referral,
    SafeguardingStatus,
    StatusKind,
)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _concern(child, by, day, hour, **fields):
    observed = _at(day, hour)
    return Concern.objects.create(
        child=child,
        observed_at=observed,
        recorded_by=by,
        recorded_at=observed + timedelta(minutes=40),
        **fields,
    )


def _decide(concern, by, outcome, reason, after_hours=3):
    if concern.opened_at is None:
        concern.opened_at = concern.recorded_at + timedelta(minutes=30)
        concern.opened_by = by
        concern.save(update_fields=["opened_at", "opened_by"])
    return Decision.objects.create(
        concern=concern,
        outcome=outcome,
        reason=reason,
        decided_by=by,
        decided_at=concern.recorded_at + timedelta(hours=after_hours),
    )


def _refer(
    concern, by, agency, contact, made_on, information, reference="", outcome="", consent=False
):
    sharing = SharingDecision.objects.create(
        child=concern.child,
        shared=True,
        agency=agency,
        agency_contact=contact,
        information=information,
        purpose="Safeguarding referral",
        consent=ConsentToShare.GIVEN if consent else ConsentToShare.NOT_SOUGHT,
        reason_without_consent=""
        if consent
        else "Seeking consent could place the child at risk of harm.",
        decided_by=by,
        decided_on=made_on,
        method=SendMethod.PHONE,
        recorded_by=by,
        allegation_about=concern.about_staff,
    )
    return Referral.objects.create(
        concern=concern,
        agency=agency,
        contact=contact,
        reference=reference,
        made_on=made_on,
        sharing=sharing,
        made_by=by,
        outcome=outcome,
        outcome_on=made_on + timedelta(days=9) if outcome else None,
        outcome_recorded_by=by if outcome else None,
    )


def populate(ctx):
    today = ctx.today
    dsl, manager = ctx.data["dsl"], ctx.data["manager"]
    practitioners = ctx.data["practitioners"]
    agencies = {a.name: a for a in Agency.objects.all()}
    social_care = agencies.get("Newtown Children's Social Care")
    lado = agencies.get("Local Authority Designated Officer (LADO)")
    family_hub = agencies.get("Riverside Children's Centre")
    current = [c for c in ctx.data["children"] if c.leaving_on is None or c.leaving_on >= today]
    task = ChildProtectionTask.objects.select_related("child").order_by("pk").first()
    cp_child = task.child if task is not None else current[-1]
    others = [c for c in current if c.pk != cp_child.pk]
    kp = practitioners[0]

    # The child on a plan: the concern, the referral, and the plan since.
    start = today - timedelta(days=70)
    first = _concern(
        cp_child,
        practitioners[1],
        start,
        9,
        what_happened="At drop-off, two round bruises on the upper left arm, each about the "
        "size of a fingertip. The child flinched when I helped with her coat.",
        child_words="Daddy squeezed me hard because I was slow.",
        body_area=BodyArea.ARMS,
        action_taken="Listened, did not ask questions, told the DSL at once and wrote this down.",
    )
    _decide(
        first,
        dsl,
        Outcome.SOCIAL_CARE,
        "Marks consistent with gripping and the child's own account: a referral to children's "
        "social care the same day.",
    )
    if social_care is not None:
        _refer(
            first,
            dsl,
            social_care,
            "Front door duty social worker",
            start,
            "The marks seen, the child's words, and the previous concern from last term.",
            reference="CSC-2026-0413",
            outcome="Strategy discussion held; child-protection conference agreed a plan.",
        )
    SafeguardingStatus.objects.create(
        child=cp_child,
        kind=StatusKind.PREVIOUS_CONCERNS,
        started_on=start - timedelta(days=120),
        ended_on=start - timedelta(days=1),
        notes="Low-level concerns about hygiene last term.",
        recorded_by=dsl,
        ended_by=dsl,
    )
    SafeguardingStatus.objects.create(
        child=cp_child,
        kind=StatusKind.CP_PLAN,
        started_on=start + timedelta(days=12),
        notes="Category: physical abuse. Core group every six weeks.",
        recorded_by=dsl,
    )

    if len(others) < 4:
        return
    # A concern waiting for the DSL's decision (on the DSL's home page).
    _concern(
        others[0],
        kp,
        today - timedelta(days=1),
        15,
        what_happened="During play he said he was not allowed to eat at home when he is naughty, "
        "and ate three helpings at lunch.",
        child_words="Mummy says no dinner for naughty boys.",
        action_taken="Said thank you for telling me; told him I would pass it on to keep him safe.",
    )
    # Being monitored.
    watch = _concern(
        others[1],
        practitioners[2 % len(practitioners)],
        today - timedelta(days=20),
        11,
        what_happened="Collected late for the third time this month by an adult the staff did "
        "not know, who had the password.",
        action_taken="Checked the password and told the manager.",
    )
    _decide(
        watch,
        dsl,
        Outcome.MONITOR,
        "Collection arrangements to be discussed with mum; watch "
        "for a pattern over the next month.",
    )
    # Early help, referral awaiting its outcome.
    help_concern = _concern(
        others[2],
        practitioners[3 % len(practitioners)],
        today - timedelta(days=12),
        10,
        what_happened="Mum said she is struggling since the baby was born and has no heating.",
        action_taken="Listened and gave her the children's centre leaflet; told the DSL.",
    )
    _decide(help_concern, dsl, Outcome.EARLY_HELP, "Family agrees to early help.")
    SafeguardingStatus.objects.create(
        child=others[2],
        kind=StatusKind.EARLY_HELP,
        started_on=today - timedelta(days=10),
        recorded_by=dsl,
    )
    if family_hub is not None:
        _refer(
            help_concern,
            dsl,
            family_hub,
            "Early help coordinator",
            today - timedelta(days=10),
            "Mum's account of the family's situation, with her consent.",
            consent=True,
        )
    # An allegation about a member of staff: the manager and the DSL only.
    allegation = _concern(
        others[3],
        practitioners[1],
        today - timedelta(days=30),
        13,
        what_happened="Saw a colleague pull the child roughly by the wrist away from the sink.",
        body_area=BodyArea.HANDS,
        action_taken="Comforted the child and told the manager straight away.",
        about_staff=practitioners[4 % len(practitioners)],
    )
    _decide(
        allegation,
        manager,
        Outcome.LADO,
        "Allegation of physical harm by a member of staff: LADO consulted the same day.",
    )
    if lado is not None:
        _refer(
            allegation,
            manager,
            lado,
            "LADO duty officer",
            today - timedelta(days=30),
            "What was seen, the staff member's name and role.",
            reference="LADO-118",
        )
