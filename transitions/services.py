"""Fetching with access checks, and the writes of the transitions app."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nursery import audit
from nursery.access import get_object_for
from nursery.errors import DomainError
from nursery.locking import retry_when_locked
from nursery.registry import (
    ParentsCopy,
    gather_child_records,
    record_source,
    sections_named_to,
)
from transitions.models import (
    ChildProtectionHandover,
    Move,
    MoveEvent,
    ParentView,
    PartnershipActivity,
    School,
    SchoolContact,
    SchoolReview,
    Transfer,
    TransferSummary,
)
from transitions.notifications import tell_family_of_pack

CONSENT_CODE = "school_records_transfer"
# The key person's summary always goes in the pack; other sections are chosen.
SUMMARY_SECTION = "transitions.summary"


def _child_of(obj):
    return obj.child


def get_school_for(user, pk, perm=None):
    school = get_object_for(user, School, pk=pk)
    if perm is not None and not user.has_perm(perm):  # a setting-wide permission
        raise PermissionDenied
    return school


def get_move_for(user, pk, perm=None):
    return get_object_for(
        user,
        Move.objects.select_related("child", "school"),
        perm=perm,
        perm_object=_child_of,
        pk=pk,
    )


def get_transfer_for(user, pk, perm=None):
    return get_object_for(
        user,
        Transfer.objects.select_related("child", "school", "consent_by", "sent_by", "prepared_by"),
        perm=perm,
        perm_object=_child_of,
        pk=pk,
    )


def get_handover_for(request, pk, perm=None):
    """A child-protection handover (restricted): 404 outside the DSL and the
    manager. Fetching is not reading: the page that shows it logs the read
    (`handover_read`), once access is decided."""
    return get_object_for(
        request.user,
        ChildProtectionHandover.objects.select_related("child", "school", "handed_by"),
        perm=perm,
        perm_object=_child_of,
        pk=pk,
    )


def handover_read(*, request, handover):
    """Write to the audit log that a handover is being shown."""
    audit.log_read(
        "transitions.cp_handover.read", request=request, obj=handover, child=handover.child
    )


# Consent ------------------------------------------------------------------
#
# A parent's consent belongs to one pack: the pack keeps what they consented
# to (its sections, with the titles they read). Consent to another pack, for
# the same school or not, does not count; when the pack's sections change,
# its consent no longer counts and the parents are asked again.


def section_titles(keys):
    """Each section key with its title, in the record sources' order, as the
    record keeps it: in the setting's language (settings.LANGUAGE_CODE),
    whatever language the person who acted reads the portal in. A key no
    source knows has no title (it is never shown)."""
    items = []
    for key in keys:
        source = record_source.registry.get(key)
        with translation.override(settings.LANGUAGE_CODE):
            title = str(source.title) if source else ""
        items.append({"key": key, "title": title, "order": source.order if source else 1000})
    items.sort(key=lambda item: (item.pop("order"), item["key"]))
    return items


def titles_named_to(user, child, items):
    """The titles of `items` ({key, title}) that `user` may read: a
    restricted section is named only to those who may read it."""
    titles = []
    for item in items:
        source = record_source.registry.get(item["key"])
        if not item.get("title"):
            continue
        if source is not None and source.read_perm and not user.has_perm(source.read_perm, child):
            continue
        # Shown in the reader's language where the section is still known.
        titles.append(str(source.title) if source is not None else item["title"])
    return titles


def transfer_consented(*, transfer):
    """Whether this pack may go to its school: the consent to school
    transfers is in force in the consents ledger (so a withdrawal there
    stops it), and a parent with parental responsibility consented to this
    pack with the sections it holds now."""
    from consents import services as consents_services

    if not transfer.consent_covers_sections:
        return False
    return consents_services.consent_is_given(child=transfer.child, code=CONSENT_CODE)


@retry_when_locked
@transaction.atomic
def transfer_consent_record(*, transfer, parent, version_seen, request=None):
    """A parent/carer with parental responsibility consents to this pack
    going to this school: a decision in the consents ledger, with the
    evidence kept on the pack: who, when, and what they consented to (the
    sections). `version_seen`: the pack's `sections_version` as the parent
    was shown it; a pack changed since is not consented to."""
    from consents.models import ConsentType, Decision, Method
    from consents.services import consent_decide

    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is not None:
        raise DomainError(_("These records have already been sent."), code="already_sent")
    if version_seen != transfer.sections_version:
        raise DomainError(
            _(
                "What the pack holds changed while you were reading it. "
                "Please read it again. Nothing was saved."
            ),
            code="pack_changed",
        )
    consent_decide(
        child=transfer.child,
        consent_type=ConsentType.objects.get(code=CONSENT_CODE),
        decision=Decision.GIVEN,
        decided_by=parent,
        recorded_by=parent,
        method=Method.ONLINE,
        confirmed_parental_responsibility=True,
        note=f"for the records going to {transfer.school}"[:300],
        request=request,
    )
    transfer.consent_by = parent
    transfer.consent_at = timezone.now()
    transfer.consented_sections = section_titles(transfer.sections)
    transfer.save(update_fields=["consent_by", "consent_at", "consented_sections"])
    _log_pack(
        "consented", transfer, actor=parent, request=request, sections=transfer.consented_sections
    )
    return transfer


@retry_when_locked
@transaction.atomic
def transfer_consent_withdraw(*, transfer, parent, request=None):
    """Withdrawing is as easy as giving: the ledger records the withdrawal and
    the pack can no longer be sent."""
    from consents import services as consents_services
    from consents.models import ConsentType, Decision, Method

    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is not None:
        raise DomainError(_("These records have already been sent."), code="already_sent")
    if transfer.consent_at is None:
        return transfer
    if consents_services.consent_is_given(child=transfer.child, code=CONSENT_CODE):
        consents_services.consent_decide(
            child=transfer.child,
            consent_type=ConsentType.objects.get(code=CONSENT_CODE),
            decision=Decision.WITHDRAWN,
            decided_by=parent,
            recorded_by=parent,
            method=Method.ONLINE,
            note=f"withdrawn from the records pack for {transfer.school}"[:300],
            request=request,
        )
    withdrawn = transfer.consented_sections
    transfer.consent_by = None
    transfer.consent_at = None
    transfer.consented_sections = []
    transfer.save(update_fields=["consent_by", "consent_at", "consented_sections"])
    _log_pack("consent_withdrawn", transfer, actor=parent, request=request, sections=withdrawn)
    return transfer


# Schools -------------------------------------------------------------------
#
# Each use case has its own service taking plain values (`fields`: the
# record's own field values, see nursery.formdata.fields_of).


def _apply(record, fields):
    for name, value in fields.items():
        setattr(record, name, value)
    return record


@transaction.atomic
def school_add(*, by, fields, request=None):
    school = _apply(School(), fields)
    school.save()
    audit.log("transitions.school.added", actor=by, obj=school, request=request)
    return school


@transaction.atomic
def school_change(*, school, by, fields, request=None):
    school = _apply(School.objects.select_for_update().get(pk=school.pk), fields)
    school.save()
    audit.log("transitions.school.changed", actor=by, obj=school, request=request)
    return school


@transaction.atomic
def school_contact_add(*, school, by, fields, request=None):
    contact = _apply(SchoolContact(school=school), fields)
    contact.save()
    audit.log("transitions.school_contact.added", actor=by, obj=contact, request=request)
    return contact


@transaction.atomic
def school_activity_record(*, school, by, fields, request=None):
    activity = _apply(PartnershipActivity(school=school, recorded_by=by), fields)
    activity.save()
    audit.log("transitions.school_activity.recorded", actor=by, obj=activity, request=request)
    return activity


@retry_when_locked
@transaction.atomic
def school_review_record(*, school, by, fields, request=None):
    """Record a partnership review and move the school's next review date."""
    school = School.objects.select_for_update().get(pk=school.pk)
    review = _apply(SchoolReview(school=school, reviewed_by=by), fields)
    review.save()
    school.next_review_due = review.next_review_due
    school.save(update_fields=["next_review_due"])
    audit.log("transitions.school_review.recorded", actor=by, obj=review, request=request)
    return review


# Moves to school ----------------------------------------------------------


@retry_when_locked
@transaction.atomic
def move_plan(*, child, by, fields, request=None):
    """Record the child's move to school: one per child (DomainError when
    one is already recorded, however close together the two requests)."""
    from families.models import Child

    Child.objects.select_for_update().get(pk=child.pk)
    if Move.objects.filter(child=child).exists():
        raise DomainError(
            _("A move to school is already recorded for this child."), code="move_exists"
        )
    move = _apply(Move(child=child, created_by=by), fields)
    move.save()
    audit.log(
        "transitions.move.planned",
        actor=by,
        obj=move,
        child=child,
        request=request,
        data={"school": str(move.school)},
    )
    return move


@transaction.atomic
def move_change(*, move, by, fields, request=None):
    move = _apply(Move.objects.select_for_update().get(pk=move.pk), fields)
    move.save()
    audit.log(
        "transitions.move.changed",
        actor=by,
        obj=move,
        child=move.child,
        request=request,
        data={"school": str(move.school)},
    )
    return move


@transaction.atomic
def move_event_plan(*, move, by, fields, request=None):
    event = _apply(MoveEvent(move=move, created_by=by), fields)
    event.save()
    audit.log(
        "transitions.move_event.planned", actor=by, obj=event, child=move.child, request=request
    )
    return event


@retry_when_locked
@transaction.atomic
def move_event_outcome(*, event, by, outcome, request=None):
    event = MoveEvent.objects.select_for_update().get(pk=event.pk)
    if event.outcome and not outcome:
        raise DomainError(
            _("What was recorded cannot be emptied: correct it instead. Nothing was saved."),
            code="recorded_fact_erased",
        )
    event.outcome = outcome
    event.outcome_recorded_at = timezone.now()
    event.save()
    audit.log(
        "transitions.move_event.outcome_recorded",
        actor=by,
        obj=event,
        child=event.move.child,
        request=request,
    )
    return event


@transaction.atomic
def parent_view_add(*, move, parent, fields, request=None):
    view = _apply(ParentView(move=move, parent=parent), fields)
    view.save()
    audit.log(
        "transitions.parent_view.added", actor=parent, obj=view, child=move.child, request=request
    )
    return view


def summary_written(move):
    """Whether the key person has written the summary for the school: a
    pack is prepared only once it has."""
    return TransferSummary.objects.filter(move=move).exists()


@retry_when_locked
@transaction.atomic
def summary_save(*, move, by, fields, request=None):
    """Write or change the key person's summary for the school."""
    move = Move.objects.select_for_update().get(pk=move.pk)
    summary = TransferSummary.objects.filter(move=move).first() or TransferSummary(move=move)
    _apply(summary, fields)
    summary.updated_by = by
    summary.save()
    audit.log("transitions.summary.saved", actor=by, obj=summary, child=move.child, request=request)
    return summary


# The transfer pack ----------------------------------------------------------


def pack_sections(*, child, school, chosen=None):
    """The parts of the child's records that may go to this school, as the
    record sources give them; only the `chosen` keys when given."""
    sections = gather_child_records(child=child, recipient=school)
    if chosen is not None:
        sections = [s for s in sections if s["key"] in chosen or s["key"] == SUMMARY_SECTION]
    return sections


def render_pack(*, transfer):
    """The pack's printable body (HTML): the copy kept when it was sent, or
    the records as they are now."""
    if transfer.sent_html:
        # Our own rendering, stored when the pack was sent.
        return mark_safe(transfer.sent_html)
    sections = pack_sections(child=transfer.child, school=transfer.school, chosen=transfer.sections)
    return render_to_string(
        "transitions/pack/body.html",
        {
            "transfer": transfer,
            "child": transfer.child,
            "school": transfer.school,
            "sections": sections,
            "nursery_name": settings.NURSERY_NAME,
            "today": timezone.localdate(),
        },
    )


def render_pack_for_reader(*, transfer, reader):
    """The pack as one adult of the child reads it before consenting: the
    parts the school would get, each as that adult may read it (their copy,
    ParentsCopy, keeping to what goes to the school), and no part whose
    existence is kept from them (restricted material)."""
    child, school = transfer.child, transfer.school
    to_school = pack_sections(child=child, school=school, chosen=transfer.sections)
    for_school = {s["key"] for s in to_school}
    sections = gather_child_records(child=child, recipient=ParentsCopy(reader, school=school))
    sections = [s for s in sections if s["key"] in for_school]
    return render_to_string(
        "transitions/pack/body.html",
        {
            "transfer": transfer,
            "child": child,
            "school": school,
            "sections": sections_named_to(reader, child, sections),
            "for_reader": True,
            "nursery_name": settings.NURSERY_NAME,
            "today": timezone.localdate(),
        },
    )


def render_bundle(*, child, reader):
    """The leaver's records for parents (HTML body): `reader`'s own copy,
    holding only what that adult may read (ParentsCopy)."""
    sections = gather_child_records(child=child, recipient=ParentsCopy(reader))
    return render_to_string(
        "transitions/bundle/body.html",
        {
            "child": child,
            "sections": sections,
            "nursery_name": settings.NURSERY_NAME,
            "today": timezone.localdate(),
        },
    )


def html_to_pdf(*, body, title):
    """A PDF of a printable body. WeasyPrint reads no network resources."""
    from weasyprint import HTML

    document = render_to_string("transitions/pdf.html", {"body": body, "title": title})
    return HTML(string=document, url_fetcher=_refusing_fetcher()).write_pdf()


def _refusing_fetcher():
    """A WeasyPrint URL fetcher that refuses every URL: a printed record never
    reaches the network or the file system. WeasyPrint treats the refusal as
    a missing resource and goes on without it."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise URLFetchingError(f"the PDF may not fetch {url[:200]}")

    return RefusingFetcher(fail_on_errors=False, allowed_protocols=())


def _log_pack(event, transfer, *, actor, request, sections=None, **data):
    """One audit entry about a pack (`transitions.pack.<event>`): the school,
    and the sections by their readable titles when they matter."""
    data = {"school": str(transfer.school), **data}
    if sections is not None:
        data["sections"] = [item["title"] for item in sections]
    audit.log(
        f"transitions.pack.{event}",
        actor=actor,
        obj=transfer,
        child=transfer.child,
        request=request,
        data=data,
    )


@retry_when_locked
@transaction.atomic
def transfer_prepare(*, child, school, sections, by, request=None):
    """A pack of the child's records for the school. The key person's
    summary always goes in it, so it is written first."""
    move = Move.objects.select_for_update().filter(child=child, school=school).first()
    if move is None or not summary_written(move):
        raise DomainError(_("Write the summary for the school first."), code="no_summary")
    transfer = Transfer.objects.create(
        child=child, school=school, sections=sorted(set(sections)), prepared_by=by
    )
    _log_pack("prepared", transfer, actor=by, request=request)
    tell_family_of_pack(transfer)
    return transfer


@retry_when_locked
@transaction.atomic
def transfer_sections_change(*, transfer, sections, by, request=None):
    """Change what a pack not yet sent holds (the summary always stays). A
    consent given before covers the sections it was given for only: the
    pack needs consent again and the parents are asked again; the earlier
    consent stays on the pack and in the audit log."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is not None:
        raise DomainError(_("This pack has already been sent."), code="already_sent")
    chosen = sorted({*sections, SUMMARY_SECTION})
    if chosen == sorted(transfer.sections):
        return transfer
    transfer.sections = chosen
    transfer.save(update_fields=["sections"])
    _log_pack("changed", transfer, actor=by, request=request, sections=section_titles(chosen))
    if transfer.consent_needed_again:
        _log_pack(
            "consent_needed_again",
            transfer,
            actor=by,
            request=request,
            sections=transfer.consented_sections,
            consented_by=str(transfer.consent_by),
        )
        tell_family_of_pack(transfer)
    return transfer


@retry_when_locked
@transaction.atomic
def transfer_mark_sent(*, transfer, by, sent_on, method, sent_to, request=None):
    """Record that the pack went to the school, once. Refused (DomainError)
    without a parent's consent to this pack as it is now; the pack is kept
    exactly as sent."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is not None:
        raise DomainError(_("This pack has already been sent."), code="already_sent")
    if transfer.consent_needed_again:
        raise DomainError(
            _(
                "What the pack holds changed after the parent consented: "
                "they need to consent again. Nothing was sent."
            ),
            code="consent_outdated",
        )
    if not transfer_consented(transfer=transfer):
        raise DomainError(
            _(
                "The parent has not consented to the records going to this school. "
                "Nothing was sent."
            ),
            code="consent_missing",
        )
    transfer.sent_html = render_pack(transfer=transfer)
    transfer.sent_on = sent_on
    transfer.sent_method = method
    transfer.sent_to = sent_to
    transfer.sent_by = by
    transfer.save()
    _log_pack(
        "sent",
        transfer,
        actor=by,
        request=request,
        sections=transfer.consented_sections,
        method=transfer.get_sent_method_display(),
    )
    return transfer


@retry_when_locked
@transaction.atomic
def transfer_mark_received(*, transfer, by, received_on, received_by, request=None):
    """Record the school's confirmation of receipt. A receipt is evidence:
    it is recorded once and never overwritten (DomainError)."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is None:
        raise DomainError(_("Record when the pack was sent first."), code="not_sent")
    if transfer.received_on is not None:
        raise DomainError(
            _("The school's receipt was already recorded. Nothing was changed."),
            code="already_received",
        )
    if received_on < transfer.sent_on:
        raise DomainError(
            _("The school cannot have received it before it was sent."), code="received_too_early"
        )
    transfer.received_on = received_on
    transfer.received_by = received_by
    transfer.received_recorded_by = by
    transfer.save(update_fields=["received_on", "received_by", "received_recorded_by"])
    _log_pack("received", transfer, actor=by, request=request, received_by=received_by)
    return transfer


# The child-protection file ------------------------------------------------------


@transaction.atomic
def cp_handover_record(*, child, by, fields, request=None):
    """The DSL records handing the child-protection file to the school."""
    handover = _apply(ChildProtectionHandover(child=child, handed_by=by), fields)
    handover.save()
    audit.log(
        "transitions.cp_handover.recorded",
        actor=by,
        obj=handover,
        child=child,
        request=request,
        data={"school": str(handover.school), "handover_method": handover.method},
    )
    return handover


@retry_when_locked
@transaction.atomic
def cp_handover_receipt(*, handover, by, received_on, received_by, request=None):
    """The school's confirmation of receipt: recorded once, never overwritten."""
    handover = ChildProtectionHandover.objects.select_for_update().get(pk=handover.pk)
    if handover.received_on is not None:
        raise DomainError(
            _("The school's receipt was already recorded. Nothing was changed."),
            code="already_received",
        )
    if received_on < handover.sent_on:
        raise DomainError(
            _("The school cannot have received it before it was handed over."),
            code="received_too_early",
        )
    handover.received_on = received_on
    handover.received_by = received_by
    handover.received_recorded_by = by
    handover.save()
    audit.log(
        "transitions.cp_handover.received",
        actor=by,
        obj=handover,
        child=handover.child,
        request=request,
        data={"received_by": received_by},
    )
    return handover
