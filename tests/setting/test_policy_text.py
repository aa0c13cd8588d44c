"""Policies are written in Markdown and shown formatted, with nothing a
person typed able to run in a reader's browser."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from nursery.markdown import render_markdown
from tests.setting.factories import PolicyFactory


def test_markdown_shows_headings_lists_bold_and_links():
    html = render_markdown(
        "# Working with parents\n\nWe **listen**.\n\n- one\n- two\n\n[Ofsted](https://www.gov.uk/ofsted)"
    )
    assert "<h2>Working with parents</h2>" in html
    assert "<strong>listen</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://www.gov.uk/ofsted"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def elements_of(html):
    """(tag, {attribute: value}) of every element in `html`."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Hello <img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<p style=\"color:red\" onmouseover='alert(1)'>x</p>",
        "![pic](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_script_javascript_links_and_event_attributes_never_reach_the_page(text):
    elements = elements_of(render_markdown(text))
    tags = {tag for tag, _attrs in elements}
    assert not tags & {"script", "img", "iframe", "style", "object", "svg"}
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "style" not in attrs
        href = attrs.get("href", "").strip().lower()
        assert not href or href.split(":")[0] in {"http", "https", "mailto", "tel"}, href


def test_raw_html_is_shown_as_text_not_markup():
    assert render_markdown("<b>bold?</b>") == "<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n"


def test_the_policy_page_shows_the_text_formatted_and_sanitised(cast, client_for):
    policy = PolicyFactory(
        body="## Our promise\n\nWe work **with** you.\n\n<script>alert(1)</script>",
        is_published=True,
    )
    response = client_for(cast.parent_a).get(reverse("policy_detail", args=[policy.pk]))
    html = response.content.decode()
    assert "<h3>Our promise</h3>" in html
    assert "<strong>with</strong>" in html
    assert "## Our promise" not in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_demo_partnership_policy_reads_as_a_document():
    from nursery.setting.demo import PARTNERSHIP_POLICY

    html = render_markdown(PARTNERSHIP_POLICY)
    assert "<h3>Your child's key person</h3>" in html
    assert "<strong>key person</strong>" in html and "<ol>" in html
    assert "##" not in html and "**" not in html
