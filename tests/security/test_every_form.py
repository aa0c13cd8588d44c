"""Every form of the portal, posted by a member of the cast allowed to, with
a hostile value in each of its fields in turn: 100,000 characters, a NUL
byte, a line break, digits that are not ASCII, a huge integer, dates at the
ends of the calendar. The portal never answers 500, and a post it does not
accept leaves the database exactly as it was.

The forms come from the access matrix (tests/<app>/access_rows.py): every
URL a member of the cast may post to, with the row's valid data. A new form
is covered as soon as it has its row. Its fields are the keys of that data,
every named field of the forms posting to it in the templates (a button on
a list, the footer's language chooser) and of the form on its own page,
where that page can be read. Each post runs in a savepoint rolled back
afterwards, so every value meets the same database; the browser's cookies
are put back too (a login or a logout changes them).
"""

import copy
import functools
import re
import secrets
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nursery import once
from nursery.queries import count_sql
from tests.conftest import force_completed_login
from tests.test_access_matrix import ROWS
from tests.utils import UNWATCHED, database_fingerprint

# What any field may be sent.
HOSTILE_TEXT = {
    "100,000 characters": "x" * 100_000,
    "a NUL byte": "a\x00b",
    "CR/LF": "line one\r\nline two",
}
# What a field that reads a number, a date, a choice or a record's id may be
# sent besides. A field that takes a plain word as it is (free text, a tick
# box) takes these as words too: the probe below tells the two apart, which
# keeps a thousand posts from becoming several thousand.
HOSTILE_TYPED = {
    "Arabic-Indic digits": "١٢",
    "a superscript digit": "²",
    "a huge integer": "9" * 40,
    "a huge negative integer": "-" + "9" * 40,
    "31 December 9999": "9999-12-31",
    "1 January of year 1": "0001-01-01",
}
PROBE = "word"

# Fields the portal's own machinery reads, not a form: the CSRF token (the
# test client does not check it) and the one-time token (sent fresh with
# every post, as a browser showing the page anew would).
NOT_FIELDS = {"csrfmiddlewaretoken", once.FIELD}
# A formset's MIN_NUM_FORMS and MAX_NUM_FORMS are for the browser's scripts:
# Django ignores them when the form comes back.
BROWSER_ONLY = re.compile(r"-M(?:IN|AX)_NUM_FORMS$")

# Who posts: someone who need not log in where the form is for them (the
# login page), else a parent where parents may, else the most senior member
# of staff allowed (they see every field a form has).
POSTERS = (
    "anon",
    "parent_a",
    "parent_b",
    "parent_a_home2",
    "parent_restricted",
    "manager",
    "dsl",
    "key_person",
    "practitioner",
)


def poster(row):
    """The member of the cast who posts this row's form, or None when
    nobody may."""
    for member in POSTERS:
        status = row.post[member]
        if member == "anon" and status == 302 and not row.public:
            continue  # sent to the login page
        if status in (200, 302):
            return member
    return None


FORMS = [row for row in ROWS if poster(row)]


class FormFields(HTMLParser):
    """The names of the fields of every form posting to somewhere: fed a
    rendered page, by the path it posts to; fed a template's source, by the
    URL name of its `{% url %}` (a form may sit on another page than the
    URL it posts to: a button on a list, the footer's language chooser)."""

    def __init__(self, path=None):
        super().__init__()
        self.path = path
        self.target = None
        self.names = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.target = None
            if (attrs.get("method") or "get").lower() != "post":
                return
            action = attrs.get("action") or ""
            if self.path is not None:
                self.target = urlsplit(action or self.path).path
            elif match := re.search(r"{% url ['\"]([\w:-]+)['\"]", action):
                self.target = match.group(1)
        elif self.target and tag in ("input", "textarea", "select", "button"):
            name = attrs.get("name") or ""
            if name and "{" not in name:
                self.names.setdefault(self.target, set()).add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.target = None


def _templates_fields():
    parser = FormFields()
    for path in sorted((settings.BASE_DIR / "templates").rglob("*.html")):
        parser.feed(path.read_text())
        parser.target = None
    return parser.names


IN_TEMPLATES = _templates_fields()


def fields_on_page(client, url):
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    parser = FormFields(url)
    parser.feed(response.content.decode())
    return parser.names.get(url, set())


def one_row_per_formset(fields):
    """A formset's rows have the same fields: its blank rows add nothing the
    first row does not test (`contacts-2-name` is `contacts-1-name` again)."""
    kept, seen = [], set()
    for name in sorted(fields, key=lambda n: re.sub(r"\d+", lambda m: m.group().zfill(4), n)):
        shape = re.sub(r"-\d+-", "-N-", name)
        if shape not in seen:
            seen.add(shape)
            kept.append(name)
    return kept


WATCHED = [
    model
    for model in apps.get_models(include_auto_created=True)
    if model._meta.label_lower not in UNWATCHED and not model._meta.proxy
]
WATCHED_TABLES = {model._meta.db_table for model in WATCHED}
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@functools.cache
def _counting():
    """The one query that counts the rows of every watched table (as
    nursery.queries.count_many builds it), built once."""
    parts, params = [], []
    for model in WATCHED:
        sql, part_params = count_sql(model._default_manager.all())
        parts.append(f"({sql})")
        params.extend(part_params)
    return "SELECT " + ", ".join(parts), params


def row_counts():
    """How many rows each watched table has."""
    sql, params = _counting()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def wrote(queries):
    """Whether any of these queries wrote to a watched table."""
    for query in queries:
        match = _WRITE.match(query["sql"])
        if match and match.group(1) in WATCHED_TABLES:
            return True
    return False


def what_went_wrong(response):
    if response.exc_info:
        exc = response.exc_info[1]
        return f"500 {type(exc).__name__}: {str(exc)[:120]!r}"
    return str(response.status_code)


@pytest.mark.parametrize("row", FORMS, ids=[row.name for row in FORMS])
def test_a_form_survives_hostile_values_in_every_field(row, cast, client):
    member = poster(row)
    if member != "anon":
        force_completed_login(client, getattr(cast, member))
    client.raise_request_exception = False
    url = reverse(row.name, kwargs=row.kwargs(cast))
    valid = row.data(cast)
    fields = set(valid) | IN_TEMPLATES.get(row.name, set()) | fields_on_page(client, url)
    fields = one_row_per_formset(
        name for name in fields - NOT_FIELDS if not BROWSER_ONLY.search(name)
    )
    cookies = copy.deepcopy(client.cookies)
    counts = row_counts()
    fingerprint = database_fingerprint()

    def post(data, saved=()):
        """Post `data`, see whether the database changed (unless the status
        is one of `saved`), and put everything back."""
        client.cookies = copy.deepcopy(cookies)
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                response = client.post(url, {**data, once.FIELD: secrets.token_hex(16)})
            changed = None
            if response.status_code not in (500, *saved):
                try:
                    changed = row_counts() != counts or (
                        wrote(queries) and database_fingerprint() != fingerprint
                    )
                except DatabaseError as exc:
                    changed = f"the database refused further queries: {exc}"
            transaction.set_rollback(True)
        return response, changed

    response, changed = post(valid)
    assert response.status_code == row.post[member], (
        f"{member} posting the row's valid data: {what_went_wrong(response)}, "
        f"expected {row.post[member]}: the row's data is out of date"
    )
    # Where the form answers 200 even when it accepts (a page that shows the
    # result), a 200 may have saved; elsewhere only a redirect saves.
    saves_with = {302} | ({200} if changed and response.status_code == 200 else set())

    failures = []

    def check(field, label, value):
        response, changed = post({**valid, field: value}, saves_with)
        if response.status_code >= 500:
            failures.append(f"{field} = {label}: {what_went_wrong(response)}")
        elif changed and response.status_code not in saves_with:
            reason = changed if isinstance(changed, str) else "half-saved"
            failures.append(f"{field} = {label}: {response.status_code}, {reason}")
        return response.status_code

    for field in fields:
        takes_words = check(field, "a word", PROBE) in saves_with
        hostile = HOSTILE_TEXT if takes_words else HOSTILE_TEXT | HOSTILE_TYPED
        for label, value in hostile.items():
            check(field, label, value)
    assert not failures, f"{member} posting {url}:\n" + "\n".join(failures)
