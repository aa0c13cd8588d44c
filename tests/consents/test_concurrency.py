"""Two decisions on the same consent at the same moment, on real separate
connections: the ledger stays consistent and the state is the latest row."""

import threading

import pytest
from django.db import connection

from consents.models import ConsentEvent, Decision, Method
from consents.services import consent_decide, consent_state
from tests.consents.factories import purpose
from tests.factories import ChildFactory, ParentFactory, ParentLinkFactory

ROUNDS = 5


def run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=10)
            job()
        except Exception as exc:  # reported to the test below
            errors.append(exc)
        finally:
            # Django leaves an in-memory SQLite connection open on close();
            # this thread's own connection must really end here.
            raw = connection.connection
            connection.close()
            if raw is not None and connection.vendor == "sqlite":
                raw.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_leave_a_consistent_ledger():
    child = ChildFactory()
    mother, father = ParentFactory(), ParentFactory()
    for parent in (mother, father):
        ParentLinkFactory(parent=parent, child=child)
    photographs = purpose("photographs")

    def decision(person, value):
        return lambda: consent_decide(
            child=child,
            consent_type=photographs,
            decision=value,
            decided_by=person,
            recorded_by=person,
            method=Method.ONLINE,
            confirmed_parental_responsibility=True,
        )

    decision(mother, Decision.GIVEN)()
    for _ in range(ROUNDS):
        errors = run_together(
            decision(mother, Decision.WITHDRAWN), decision(father, Decision.GIVEN)
        )
        # A withdrawal that lands after the father's new consent is fine; one
        # landing after another withdrawal (nothing in force) is refused.
        assert all("no consent in force" in str(e) for e in errors), errors
        rows = list(ConsentEvent.objects.filter(child=child).order_by("sequence"))
        assert [r.sequence for r in rows] == list(range(1, len(rows) + 1))
        state = consent_state(child=child, consent_type=photographs)
        assert state.latest.pk == rows[-1].pk
        assert state.is_given == (rows[-1].decision == Decision.GIVEN)
        if rows[-1].decision != Decision.GIVEN:
            decision(mother, Decision.GIVEN)()
    assert ConsentEvent.objects.filter(child=child).count() >= 1 + ROUNDS
