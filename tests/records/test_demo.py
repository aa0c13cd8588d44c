from django.core.management import call_command
from django.urls import reverse

from nursery.models import User
from records.models import LegalHold, RightsRequest, SubjectAccessRequest
from tests.conftest import force_completed_login


def test_demo_shows_requests_at_each_stage_a_hold_and_a_restriction_request(db, client, capsys):
    call_command("demo")
    capsys.readouterr()
    parent = User.objects.get(email="parent@demo.example")
    answered = SubjectAccessRequest.objects.get(requester=parent)
    assert answered.delivered_at is not None and answered.pack_html
    assert SubjectAccessRequest.objects.open().filter(extended_to__isnull=False).exists()
    assert SubjectAccessRequest.objects.open().filter(extended_to__isnull=True).exists()
    assert LegalHold.objects.in_force().exists()
    assert RightsRequest.objects.exists()
    force_completed_login(client, parent)
    page = client.get(reverse("records:pack", args=[answered.pk]))
    assert page.status_code == 200 and parent.email in page.content.decode()
