"""The Content Security Policy and other headers every page carries."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def csp_of(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_every_page_sends_a_strict_content_security_policy(client_for, cast):
    response = client_for(cast.parent_a).get(reverse("home"))
    policy = csp_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script
    nonce = next(s for s in script if s.startswith("'nonce-"))
    # The one script tag on the page carries the nonce of this response.
    html = response.content.decode()
    tags = re.findall(r"<script[^>]*>", html)
    assert tags
    assert all(f'nonce="{nonce[7:-1]}"' in tag for tag in tags)


def test_pages_use_no_inline_styles_or_handlers(client_for, cast):
    html = client_for(cast.manager).get(reverse("families:child_detail", args=[cast.child_a.pk]))
    text = html.content.decode()
    assert " style=" not in text
    assert not re.search(r"\son[a-z]+=", text)


def test_login_page_is_not_framed_and_sniffing_is_off(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_static_assets_are_served_locally(client_for, cast):
    html = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "cdn" not in html.lower()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("parent_a", lambda cast: reverse("home")),
        ("parent_a", lambda cast: reverse("families:child_detail", args=[cast.child_a.pk])),
        ("key_person", lambda cast: reverse("families:child_detail", args=[cast.child_a.pk])),
        ("manager", lambda cast: reverse("complaints_export")),
        ("dsl", lambda cast: reverse("safeguarding:chronology_pdf", args=[cast.child_a.pk])),
    ],
    ids=["parent-home", "parent-child-page", "staff-child-page", "csv-export", "pdf"],
)
def test_every_response_to_a_logged_in_person_is_never_stored(who, url, client_for, cast):
    response = client_for(getattr(cast, who)).get(url(cast))
    assert response.status_code == 200
    assert no_store(response)
    assert "private" in response["Cache-Control"]


def test_a_redirect_and_a_refusal_to_a_logged_in_person_are_never_stored(client_for, cast):
    client = client_for(cast.parent_b)
    refused = client.get(reverse("families:child_detail", args=[cast.child_a.pk]))
    assert refused.status_code == 404
    assert no_store(refused)


def test_every_response_carries_a_permissions_policy(client, client_for, cast):
    for response in (
        client.get(reverse("login")),
        client_for(cast.parent_a).get(reverse("home")),
    ):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy
        assert "geolocation=()" in policy
        assert "microphone=()" in policy
