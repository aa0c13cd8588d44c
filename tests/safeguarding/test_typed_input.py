"""Whatever a person types into a safeguarding form or address: a clear
answer, never a 500, and nothing saved from a bad form."""

import pytest
from django.urls import reverse

from tests.safeguarding.access_rows import concern, referral_kwargs, status_kwargs
from tests.utils import database_fingerprint

JUNK = {
    "child": "²",
    "observed_at": "yesterday-ish",
    "what_happened": "x" * 6000,
    "body_area": "tail",
    "action_taken": "",
    "about_staff": "99999999999999999999",
    "outcome": "<script>",
    "reason": "",
    "agency": "-1",
    "made_on": "31/02/2026",
    "consent": "maybe",
    "method": "pigeon",
    "kind": "unknown",
    "started_on": "0000-00-00",
    "ended_on": "9999-99-99",
    "outcome_on": "not a date",
}


def forms(cast):
    pk = concern(cast).pk
    child = cast.child_a.pk
    return [
        reverse("safeguarding:concern_create"),
        reverse("safeguarding:decision_create", args=[pk]),
        reverse("safeguarding:referral_create", args=[pk]),
        reverse("safeguarding:referral_detail", kwargs=referral_kwargs(cast)),
        reverse("safeguarding:status_create", args=[child]),
        reverse("safeguarding:status_end", kwargs=status_kwargs(cast)),
    ]


def test_junk_in_every_form_saves_nothing_and_answers_plainly(cast, client_for):
    client = client_for(cast.dsl)
    for url in forms(cast):
        before = database_fingerprint()
        response = client.post(url, JUNK)
        assert response.status_code in {200, 302}, url
        assert database_fingerprint() == before, url


@pytest.mark.parametrize(
    "query", ["?child=²", "?child=99999999999999999999", "?child=abc", "?all=1&page=zz"]
)
def test_junk_in_the_address_is_answered_plainly(query, cast, client_for):
    client = client_for(cast.dsl)
    for name in ("concern_create", "concern_list", "audit"):
        response = client.get(reverse(f"safeguarding:{name}") + query)
        assert response.status_code in {200, 404}, name
