"""Items 12 and 13: typed input never answers 500. Line breaks never reach a
mail header and mail never breaks a request that committed; every text
field is bounded in its model and its form; NUL bytes are refused."""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from nursery.mail import one_line
from nursery.models import User
from nursery.setting.models import Announcement
from tests.setting.factories import CommunicationNeedsFactory
from tests.transitions.factories import TransferFactory
from tests.utils import run_tasks

pytestmark = pytest.mark.django_db

PORTAL_APPS = {
    "nursery",
    "families",
    "consents",
    "agencies",
    "transitions",
    "safety",
    "safeguarding",
    "setting",
    "records",
}
FORM_MODULES = [
    "nursery.forms",
    "nursery.setting.forms",
    "families.forms",
    "consents.forms",
    "agencies.forms",
    "transitions.forms",
    "safety.forms",
    "safeguarding.forms",
    "records.forms",
]


def publish(client, title):
    return client.post(
        reverse("announcement_create"),
        {"title": title, "body": "Training day.", "audience": "all"},
    )


def test_a_line_break_in_an_announcement_title_never_reaches_the_mail_header(
    cast, client_for, django_capture_on_commit_callbacks
):
    CommunicationNeedsFactory(parent=cast.parent_b, email_announcements=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client_for(cast.manager), "Closed\r\nBcc: everyone@example.org")
    assert response.status_code == 302
    run_tasks()
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert mail.outbox[0].bcc == []
    assert mail.outbox[0].to == [cast.parent_b.email]


def test_a_mail_server_failing_never_breaks_a_request_that_committed(
    cast, client_for, django_capture_on_commit_callbacks, settings
):
    settings.MAILERS = {"default": {"BACKEND": "tests.security.failing_mail.Backend"}}
    CommunicationNeedsFactory(parent=cast.parent_b, email_announcements=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client_for(cast.manager), "Closed on Monday")
    assert response.status_code == 302
    assert Announcement.objects.filter(title="Closed on Monday").exists()


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("Ada\r\nBcc: x@example.org", "Ada Bcc: x@example.org"),
        ("Ada\x00\x0b\u2028Rose", "Ada Rose"),
        ("x" * 500, "x" * 200),
    ],
)
def test_a_mail_subject_is_one_short_line(typed, sent):
    assert one_line(typed) == sent


# Written by the portal itself, never typed by a person: an email the mail
# server refused, kept whole to send again, and a subject-access pack.
WRITTEN_BY_THE_PORTAL = {"nursery.KeptEmail.body", "records.SubjectAccessRequest.pack_html"}


def test_every_model_text_field_of_the_portal_has_a_max_length():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField) and not field.max_length
    ]
    assert sorted(set(unbounded) - WRITTEN_BY_THE_PORTAL) == []


def test_every_text_field_of_every_portal_form_has_a_max_length_within_its_models():
    problems = []
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != name:
                continue
            for field_name, field in form.base_fields.items():
                if not isinstance(field, forms.CharField):
                    continue
                if not field.max_length:
                    problems.append(f"{form.__name__}.{field_name}: no max_length")
    assert problems == []


@pytest.mark.parametrize(
    ("form", "field", "limit"),
    [
        ("transitions.forms.ReceivedForm", "received_by", 200),
        ("families.forms.ParentLinkForm", "new_full_name", 150),
    ],
)
def test_fields_that_answered_500_on_postgresql_are_bounded_by_their_columns(form, field, limit):
    module, _, name = form.rpartition(".")
    assert getattr(importlib.import_module(module), name).base_fields[field].max_length == limit


# On PostgreSQL a value longer than its column answered 500 (SQLite stored it
# whole): the form refuses one character more than the column holds, and
# takes the column's full length.
@pytest.mark.parametrize(("length", "status"), [(200, 302), (201, 200)])
def test_a_receipt_name_longer_than_its_column_is_refused_by_the_form(
    length, status, cast, client_for
):
    transfer = TransferFactory(child=cast.child_a, prepared_by=cast.key_person, sent=True)
    response = client_for(cast.key_person).post(
        reverse("transitions:transfer_received", kwargs={"pk": transfer.pk}),
        {"received_on": timezone.localdate().isoformat(), "received_by": "x" * length},
    )
    assert response.status_code == status
    transfer.refresh_from_db()
    if status == 200:
        assert "at most 200 characters" in response.content.decode()
        assert transfer.received_on is None
    else:
        assert transfer.received_by == "x" * 200


@pytest.mark.parametrize(("length", "status"), [(150, 302), (151, 200)])
def test_a_new_carers_name_longer_than_its_column_is_refused_by_the_form(
    length, status, cast, client_for
):
    response = client_for(cast.manager).post(
        reverse("families:link_create", args=[cast.child_b.pk]),
        {
            "new_full_name": "x" * length,
            "new_email": "new.carer@example.org",
            "relationship": "other",
            "portal_access": "on",
        },
    )
    assert response.status_code == status
    created = User.objects.filter(email="new.carer@example.org")
    if status == 200:
        assert "at most 150 characters" in response.content.decode()
        assert not created.exists()
    else:
        assert created.get().full_name == "x" * 150


# The query string as typed in the address bar: %00 is a NUL byte, which
# PostgreSQL refuses in a query (500).
@pytest.mark.parametrize("query", ["%00", "Ada%00", "%00Ada%00"])
def test_a_search_holding_a_nul_byte_answers_normally(query, cast, client_for):
    response = client_for(cast.manager).get(f"{reverse('accounts')}?q={query}")
    assert response.status_code == 200


def test_a_nul_byte_in_a_form_is_refused_with_a_message_and_saves_nothing(cast, client_for):
    response = publish(client_for(cast.manager), "Closed\x00Monday")
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    assert not Announcement.objects.exists()
