"""No page shows a person an internal name: a dotted Python path of the
project's packages (`families.records.meetings_record`) or a registry key
(`families.meetings`). Every page the access matrix reaches is rendered for
every member of the cast who may open it, and its visible text (and the
attributes a person sees or hears: title, alt, aria-label, placeholder) is
searched."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from nursery.registry import (
    child_flags,
    child_section,
    chronology_source,
    dashboard_figure,
    home_panel,
    nav_item,
    record_source,
)
from tests.conftest import MEMBERS
from tests.test_access_matrix import ROWS

PACKAGES = (
    "nursery",
    "setting",
    "families",
    "consents",
    "agencies",
    "transitions",
    "safeguarding",
    "tests",
)
DOTTED_PATH = re.compile(rf"\b(?:{'|'.join(PACKAGES)})(?:\.[a-z_][a-z0-9_]*)+\b")
SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}


def registry_keys():
    kinds = (
        nav_item,
        home_panel,
        child_section,
        child_flags,
        dashboard_figure,
        record_source,
        chronology_source,
    )
    return {entry.key for kind in kinds for entry in kind.registry}


class ShownText(HTMLParser):
    """The text a person sees or hears: text nodes outside script and style,
    and the attributes read out or shown."""

    def __init__(self):
        super().__init__()
        self.parts = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def shown_text(html):
    parser = ShownText()
    parser.feed(html)
    return "\n".join(parser.parts)


def internal_names(text, keys):
    found = set(DOTTED_PATH.findall(text))
    found |= {key for key in keys if re.search(rf"(?<![\w.]){re.escape(key)}(?![\w.])", text)}
    return found


def test_the_check_finds_paths_and_keys():
    keys = registry_keys()
    assert "families.meetings" in keys
    page = '<p title="families.records.meetings_record">Meetings</p><p>families.meetings</p>'
    assert internal_names(shown_text(page), keys) == {
        "families.records.meetings_record",
        "families.meetings",
    }
    harmless = (
        "<p>Write to parent.a@example.org. The nursery.</p>"
        '<input type="checkbox" value="families.meetings"><script>nursery.x</script>'
    )
    assert internal_names(shown_text(harmless), keys) == set()


READABLE = [row for row in ROWS if any(row.get[member] == 200 for member in MEMBERS)]


@pytest.mark.parametrize("row", READABLE, ids=[row.name for row in READABLE])
def test_no_page_shows_an_internal_name(row, cast, client_for):
    keys = registry_keys()
    url = reverse(row.name, kwargs=row.kwargs(cast))
    for member in MEMBERS:
        if row.get[member] != 200:
            continue
        response = client_for(getattr(cast, member)).get(url)
        assert response.status_code == 200, f"{member} GET {url}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        found = internal_names(shown_text(response.content.decode()), keys)
        assert not found, f"{url} shows {member} internal names: {sorted(found)}"
