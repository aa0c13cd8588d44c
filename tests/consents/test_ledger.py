"""The consent ledger: decisions appended, state derived from the latest rows."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from consents.models import AppendOnlyError, ConsentEvent, Decision, Method, State
from consents.services import consent_decide, consent_is_given, consent_state, consent_states
from families.models import Relationship
from tests.consents.factories import ConsentEventFactory, ConsentTypeFactory, purpose
from tests.factories import (
    ChildFactory,
    ParentFactory,
    ParentLinkFactory,
    carer_without_responsibility,
)


def decide(cast, decision, *, code="photographs", by=None, **kwargs):
    by = by or cast.parent_a
    return consent_decide(
        child=cast.child_a,
        consent_type=purpose(code),
        decision=decision,
        decided_by=by,
        recorded_by=kwargs.pop("recorded_by", by),
        method=kwargs.pop("method", Method.ONLINE),
        confirmed_parental_responsibility=True,
        **kwargs,
    )


def test_every_core_purpose_exists_as_data(db):
    for code in (
        "medication",
        "emergency_treatment",
        "outings",
        "photographs",
        "health_visitor_two_year_check",
        "school_records_transfer",
    ):
        assert purpose(code).explanation


def test_a_consent_never_answered_is_not_given(cast):
    assert consent_state(child=cast.child_a, code="photographs").state == State.NOT_ASKED
    assert not consent_is_given(child=cast.child_a, code="photographs")


def test_an_unknown_code_is_not_given(cast):
    assert not consent_is_given(child=cast.child_a, code="no_such_purpose")


def test_each_decision_is_a_new_row_and_the_latest_decides(cast):
    decide(cast, Decision.GIVEN)
    assert consent_is_given(child=cast.child_a, code="photographs")
    decide(cast, Decision.WITHDRAWN)
    assert not consent_is_given(child=cast.child_a, code="photographs")
    assert consent_state(child=cast.child_a, code="photographs").state == State.WITHDRAWN
    decide(cast, Decision.GIVEN)
    rows = list(ConsentEvent.objects.filter(child=cast.child_a).order_by("sequence"))
    assert [r.decision for r in rows] == ["given", "withdrawn", "given"]
    assert [r.sequence for r in rows] == [1, 2, 3]
    assert consent_is_given(child=cast.child_a, code="photographs")


def test_a_decision_keeps_who_how_when_and_the_words_shown(cast):
    photographs = purpose("photographs")
    event = decide(cast, Decision.GIVEN)
    photographs.explanation = "New wording."
    photographs.save()
    event.refresh_from_db()
    assert event.decided_by == cast.parent_a
    assert event.recorded_by == cast.parent_a
    assert event.method == Method.ONLINE
    assert event.decided_on == timezone.localdate()
    assert event.explanation_shown != "New wording."
    assert "learning record" in event.explanation_shown


def test_a_renewed_consent_expires_and_is_then_not_given(cast):
    event = decide(cast, Decision.GIVEN, code="outings")
    assert event.expires_on > timezone.localdate() + timedelta(days=360)
    later = event.expires_on + timedelta(days=1)
    state = consent_state(child=cast.child_a, code="outings", on=later)
    assert state.state == State.EXPIRED
    assert not consent_is_given(child=cast.child_a, code="outings", on=later)
    soon = event.expires_on - timedelta(days=10)
    assert consent_state(child=cast.child_a, code="outings", on=soon).state == State.EXPIRING
    assert consent_is_given(child=cast.child_a, code="outings", on=soon)


def test_a_purpose_needing_everyone_waits_for_each_person_with_responsibility(cast):
    both = ConsentTypeFactory(code="both_parents", every_parent_must_answer=True)
    # The cast's adult of the other household holds parental responsibility,
    # and so does the restricted parent.
    second = cast.parent_a_home2
    for person in (cast.parent_a, second):
        consent_decide(
            child=cast.child_a,
            consent_type=both,
            decision=Decision.GIVEN,
            decided_by=person,
            recorded_by=person,
            method=Method.ONLINE,
            confirmed_parental_responsibility=True,
        )
    state = consent_state(child=cast.child_a, consent_type=both)
    assert state.state == State.PARTLY
    assert not consent_is_given(child=cast.child_a, code="both_parents")
    consent_decide(
        child=cast.child_a,
        consent_type=both,
        decision=Decision.GIVEN,
        decided_by=cast.parent_restricted,
        recorded_by=cast.key_person,
        method=Method.PAPER,
    )
    assert consent_is_given(child=cast.child_a, code="both_parents")
    consent_decide(
        child=cast.child_a,
        consent_type=both,
        decision=Decision.WITHDRAWN,
        decided_by=second,
        recorded_by=second,
        method=Method.ONLINE,
    )
    assert consent_state(child=cast.child_a, consent_type=both).state == State.WITHDRAWN


def test_someone_without_parental_responsibility_cannot_decide_and_nothing_is_written(cast):
    carer = carer_without_responsibility(cast.child_a, Relationship.GRANDPARENT)
    with pytest.raises(ValidationError) as error:
        decide(cast, Decision.GIVEN, by=carer)
    assert "decided_by" in error.value.message_dict
    assert not ConsentEvent.objects.exists()


def test_withdrawing_a_consent_not_in_force_is_refused_and_changes_nothing(cast):
    decide(cast, Decision.REFUSED)
    with pytest.raises(ValidationError):
        decide(cast, Decision.WITHDRAWN)
    assert ConsentEvent.objects.count() == 1


def test_a_decision_dated_in_the_future_is_refused(cast):
    with pytest.raises(ValidationError):
        decide(cast, Decision.GIVEN, decided_on=timezone.localdate() + timedelta(days=1))
    assert not ConsentEvent.objects.exists()


def test_a_decision_can_never_be_changed_or_deleted(cast):
    event = decide(cast, Decision.GIVEN)
    event.decision = Decision.REFUSED
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.filter(pk=event.pk).update(decision=Decision.REFUSED)
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.decision == Decision.GIVEN


def test_the_admin_shows_decisions_read_only(cast):
    request = RequestFactory().get("/")
    request.user = cast.manager
    admin = site._registry[ConsentEvent]
    event = decide(cast, Decision.GIVEN)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, event)
    assert not admin.has_delete_permission(request, event)


def test_states_for_many_children_take_a_fixed_number_of_queries(cast, django_assert_num_queries):
    children = [ChildFactory() for _ in range(30)]
    for child in children:
        parent = ParentFactory()
        ParentLinkFactory(parent=parent, child=child)
        ConsentEventFactory(child=child, decided_by=parent)
    ConsentTypeFactory(code="everyone", every_parent_must_answer=True)
    with django_assert_num_queries(3):
        states = consent_states(children=children)
    photographs = purpose("photographs")
    assert all(states[(c.pk, photographs.pk)].is_given for c in children)


def test_the_queryset_gives_states_for_many_children_by_code(cast):
    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    photographs = purpose("photographs")
    states = ConsentEvent.objects.states_for([cast.child_a, cast.child_b], [photographs])
    assert states[(cast.child_a.pk, photographs.pk)].is_given
    assert states[(cast.child_b.pk, photographs.pk)].state == State.NOT_ASKED


def test_states_read_without_who_decided_are_the_same_states(cast):
    """The lists that show only a state read the ledger as plain values; each
    state, expiry and waiting count agrees with the full reading."""
    today = timezone.localdate()
    everyone = ConsentTypeFactory(code="everyone", every_parent_must_answer=True)
    children = []
    for decision, expires_on in [
        (Decision.GIVEN, None),
        (Decision.GIVEN, today + timedelta(days=5)),  # renewal due soon
        (Decision.GIVEN, today - timedelta(days=1)),  # expired
        (Decision.REFUSED, None),
        (Decision.WITHDRAWN, None),
    ]:
        child = ChildFactory()
        parent, other = ParentFactory(), ParentFactory()
        ParentLinkFactory(parent=parent, child=child)
        ParentLinkFactory(parent=other, child=child)
        for consent_type in (purpose("photographs"), everyone):
            ConsentEventFactory(
                child=child,
                consent_type=consent_type,
                decided_by=parent,
                decision=decision,
                expires_on=expires_on,
            )
        children.append(child)
    children.append(ChildFactory())  # never asked
    types = [purpose("photographs"), everyone]
    full = consent_states(children=children, consent_types=types)
    light = consent_states(children=children, consent_types=types, who_decided=False)
    assert full.keys() == light.keys()
    seen = set()
    for key, state in full.items():
        other = light[key]
        assert (other.state, other.expires_on, other.waiting, other.is_given) == (
            state.state,
            state.expires_on,
            state.waiting,
            state.is_given,
        ), key
        assert [e.pk for e in other.events] == [e.pk for e in state.events]
        seen.add(state.state)
    assert seen == set(State)
