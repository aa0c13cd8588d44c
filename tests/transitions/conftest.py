"""Fixtures for the transitions tests: a fake record source and the
consents ledger's answer."""

import pytest
from django.template import engines

from nursery.registry import record_source, register_temporarily
from tests.transitions.factories import SchoolFactory

FAKE_KEY = "tests.fake_source"


@pytest.fixture
def consent(monkeypatch):
    """Set what the consents ledger answers: consent.given = True/False."""

    class Ledger:
        given = False
        asked = []

        def __call__(self, *, child, code):
            self.asked.append((child.pk, code))
            return self.given

    ledger = Ledger()
    monkeypatch.setattr("consents.services.consent_is_given", ledger)
    return ledger


@pytest.fixture
def fake_source(db):
    """A record source such as another app registers: third-party
    information the agency agreed may go to one school only, and a note for
    parents only. Removed after the test."""
    allowed_school = SchoolFactory(name="Agreed School")
    template = engines["django"].from_string(
        "<section><h2>{{ title }}</h2><p>{{ text }}</p></section>"
    )

    def fake(*, child, recipient):
        if recipient == "parents":
            return {
                "template": template,
                "context": {"title": "Medication records", "text": "PARENTS-ONLY-MEDICATION"},
            }
        if recipient == allowed_school:
            return {
                "template": template,
                "context": {"title": "Health visitor", "text": "THIRD-PARTY-AGREED-FOR-SCHOOL"},
            }
        return None

    with register_temporarily(
        record_source, fake, key=FAKE_KEY, title="Records from another app", order=50
    ):
        yield allowed_school
