"""Journeys of the setting with its families: a parent acknowledges a new
version of the sick-children policy, signs up for an event, answers a
consultation and makes a complaint; the manager sees each and records the
complaint's outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nursery.setting.models import (
    Complaint,
    ConsultationResponse,
    EventSignup,
    PolicyAcknowledgement,
)
from tests.setting.factories import (
    ComplaintFactory,
    ConsultationFactory,
    EventFactory,
    PolicyAcknowledgementFactory,
    PolicyFactory,
)

pytestmark = pytest.mark.browser


def test_parent_takes_part_and_the_manager_follows_up(portal, cast):
    page = portal.page
    policy = PolicyFactory(title="Sick children", version=2)
    PolicyAcknowledgementFactory(policy=policy, parent=cast.parent_a, version=1)
    EventFactory(title="Stay and play", room=cast.child_a.room, created_by=cast.manager)
    ConsultationFactory(title="Opening at 7.30", created_by=cast.manager)
    ComplaintFactory(
        complainant=cast.parent_b,
        summary="Older complaint",
        received_on=timezone.localdate() - timedelta(days=25),
    )

    portal.login(cast.parent_a)
    expect(page.get_by_role("heading", name="Please read")).to_be_visible()
    page.get_by_role("link", name="Sick children").first.click()
    portal.check("policy")
    expect(page.get_by_text("This policy has changed since you last read it")).to_be_visible()
    page.get_by_role("button", name="I have read version 2").click()
    portal.check("policy-read")
    expect(page.get_by_text("You told us you read version 2")).to_be_visible()
    assert PolicyAcknowledgement.objects.filter(parent=cast.parent_a, version=2).exists()

    portal.goto("/events/")
    page.get_by_role("link", name="Stay and play").click()
    portal.check("event")
    page.get_by_label("Ada Ashworth").check()
    page.get_by_label("I can help on the day").check()
    page.get_by_role("button", name="Sign up").click()
    portal.check("event-signed-up")
    expect(page.get_by_role("heading", name="You are signed up")).to_be_visible()
    assert EventSignup.objects.get(parent=cast.parent_a).offers_help

    portal.goto("/consultations/")
    page.get_by_role("link", name="Opening at 7.30").click()
    portal.check("consultation")
    page.get_by_label("Yes").check()
    page.get_by_label("Your comments").fill("Mondays would help us most")
    page.get_by_role("button", name="Send my answer").click()
    portal.check("consultation-answered")
    assert ConsultationResponse.objects.get(parent=cast.parent_a).comment

    portal.goto("/complaints/new/")
    page.get_by_role("button", name="Send my complaint").click()
    portal.check("complaint-empty")
    expect(page.get_by_text("Nothing was saved").first).to_be_visible()
    assert not Complaint.objects.filter(complainant=cast.parent_a).exists()
    page.get_by_label("In a few words, what is your complaint about?").fill("Lost coat")
    page.get_by_label("Details").fill("Ada's coat went missing on Tuesday.")
    page.get_by_role("button", name="Send my complaint").click()
    portal.check("complaint-sent")
    expect(page.get_by_text("Your complaint was received")).to_be_visible()
    portal.logout()

    portal.login(cast.manager)
    expect(page.get_by_role("heading", name="Needs your attention")).to_be_visible()
    page.get_by_role("link", name="Open the dashboard").click()
    portal.check("dashboard")
    page.get_by_role("link", name="Complaints near or past their 28-day deadline").click()
    portal.check("complaints-due")
    expect(page.get_by_role("link", name="Older complaint")).to_be_visible()

    portal.goto(f"/policies/{policy.pk}/")
    expect(page.get_by_text("Alex Ashworth")).to_be_visible()
    portal.goto("/events/")
    page.get_by_role("link", name="Stay and play").click()
    portal.check("event-staff")
    expect(page.get_by_role("cell", name="Alex Ashworth")).to_be_visible()
    portal.goto("/consultations/")
    page.get_by_role("link", name="1", exact=True).click()
    portal.check("results")
    expect(page.get_by_text("Mondays would help us most")).to_be_visible()

    portal.goto("/complaints/")
    page.get_by_role("link", name="Lost coat").click()
    portal.check("complaint")
    today = timezone.localdate().isoformat()
    page.get_by_label("Acknowledged on").fill(today)
    page.get_by_label("Outcome", exact=True).fill("We found the coat and apologised.")
    page.get_by_label("Outcome given on").fill(today)
    page.get_by_role("button", name="Save the complaint record").click()
    portal.check("complaint-closed")
    expect(page.get_by_text("The complaint record was saved")).to_be_visible()
    complaint = Complaint.objects.get(complainant=cast.parent_a)
    assert complaint.is_closed and complaint.outcome_by == cast.manager
