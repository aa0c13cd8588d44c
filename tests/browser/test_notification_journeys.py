"""Telling people, in the browser: the key person shares a meeting record;
the parent, on a phone, sees the unread count, opens What's new and reads
the record; the email the worker sent says what and for whom, with a link.
The manager finds an email the mail server refused."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from nursery.models import KeptEmail, Notification
from tests.utils import run_tasks

pytestmark = pytest.mark.browser


def test_a_shared_meeting_reaches_the_parent_through_whats_new(portal, cast):
    page = portal.page
    page.set_viewport_size({"width": 768, "height": 1024})
    portal.login(cast.key_person)
    portal.goto(f"/children/{cast.child_a.pk}/meetings/new/")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date of the meeting").fill(yesterday.isoformat())
    page.locator("#id_method").select_option(label="In person")
    page.get_by_label("Who attended").fill("Kim (key person), Alex (mum)")
    page.get_by_label("What we talked about").fill("Ada builds tall towers and counts to five.")
    page.get_by_label("Every home").check()
    page.get_by_label("Share with the family now").check()
    page.get_by_role("button", name="Save").click()
    portal.check("shared")
    expect(page.get_by_text("Saved and shared with the family.")).to_be_visible()
    portal.logout()

    # The worker sends the email: what kind of thing, for which child, a link.
    run_tasks()
    [email] = [m for m in mail.outbox if m.to == [cast.parent_a.email]]
    assert "There is a new key-person meeting record for Ada" in email.subject
    assert "towers" not in email.body
    link = re.search(r"/whats-new/\d+/", email.body).group(0)

    # The parent, on a phone.
    page.set_viewport_size({"width": 360, "height": 740})
    portal.login(cast.parent_a)
    count = page.locator(".unread-phone")
    expect(count).to_be_visible()
    expect(count).to_contain_text("1 new")
    # The count and the menu button sit on the first line, beside the
    # setting's name, at 360 px and at 320.
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 740})
        brand = page.locator(".navbar-brand").bounding_box()
        for box in (count.bounding_box(), page.locator(".navbar-toggler").bounding_box()):
            assert box["y"] < brand["y"] + brand["height"], (width, brand, box)
    page.set_viewport_size({"width": 360, "height": 740})
    count.click()
    portal.check("whats-new")
    expect(page.get_by_role("heading", name="What's new")).to_be_visible()
    item = page.get_by_role(
        "link", name=re.compile("There is a new key-person meeting record for Ada")
    )
    expect(item).to_be_visible()
    item.click()
    portal.check("the-record")
    expect(page.get_by_text("Ada builds tall towers and counts to five.")).to_be_visible()
    expect(page.locator(".unread-phone")).to_have_count(0)
    assert Notification.objects.get(recipient=cast.parent_a).read_at is not None
    # The email's link opens the same item (already read: it stays read).
    portal.goto(link)
    expect(page.get_by_text("Ada builds tall towers and counts to five.")).to_be_visible()

    portal.goto("/whats-new/choices/")
    expect(page.get_by_role("heading", name="How we tell you")).to_be_visible()
    page.get_by_role("group", name="Key-person meeting records").get_by_label(
        "Only in the portal"
    ).check()
    page.get_by_role("button", name="Save my choices").click()
    portal.check("choices-saved")
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()


def test_the_manager_finds_an_email_the_mail_server_refused(portal, cast):
    KeptEmail.objects.create(
        to=cast.parent_b.email,
        subject="Creative Stars Nursery: There is a new progress review for Ben",
        body="…",
        attempts=5,
        error="ConnectionRefusedError(111, 'Connection refused')",
    )
    page = portal.page
    page.set_viewport_size({"width": 768, "height": 1024})
    portal.login(cast.manager)
    portal.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("Emails not sent")).click()
    portal.check("kept")
    expect(page.get_by_role("cell", name=cast.parent_b.email, exact=True)).to_be_visible()
    page.get_by_role("button", name=re.compile("Send again")).click()
    portal.check("resent")
    expect(page.get_by_text("The email is queued to be sent again.")).to_be_visible()
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.parent_b.email]]
