"""Who safeguarding tells: the DSL of a new concern, always by email at
once and without naming the child; an allegation about the DSL goes to
the manager, never to the person it is about."""

import pytest
from django.core import mail
from django.utils import timezone

from nursery.models import Channel
from safeguarding import services
from tests.utils import committed, emailed, told

pytestmark = pytest.mark.django_db


def record(cast, **extra):
    with committed():
        return services.concern_record(
            child=cast.child_a,
            by=cast.key_person,
            observed_at=timezone.now(),
            what_happened="A bruise on the arm",
            action_taken="Told the DSL",
            **extra,
        )


def test_a_concern_tells_the_dsl_by_email_without_naming_the_child(cast):
    record(cast)
    assert told("safeguarding.concern") == {cast.dsl.email: Channel.EMAIL}
    assert emailed() == [cast.dsl.email]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "Ada" not in body and "bruise" not in body


def test_an_allegation_about_the_dsl_tells_the_manager_only(cast):
    record(cast, about_staff=cast.dsl)
    assert list(told("safeguarding.concern")) == [cast.manager.email]


def test_an_allegation_about_a_practitioner_tells_the_dsl_and_the_manager(cast):
    record(cast, about_staff=cast.practitioner)
    assert sorted(told("safeguarding.concern")) == sorted([cast.dsl.email, cast.manager.email])
