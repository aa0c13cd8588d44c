"""The language of the pages and emails: the browser's until the person
chooses, then theirs on every device; emails in the recipient's language."""

import ast
import subprocess
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from nursery.services import account_invite
from tests.utils import committed, run_tasks


def test_pages_follow_the_browser_until_the_person_chooses(cast, client_for):
    client = client_for(cast.parent_a)
    response = client.get(reverse("home"), headers={"accept-language": "pl,en;q=0.5"})
    assert '<html lang="pl" dir="ltr">' in response.content.decode()
    client.post(reverse("account_settings"), {"language": "ur"})
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.language == "ur"
    # Another device, another browser language: the choice still wins.
    other = client_for(cast.parent_a)
    other.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    force = other.get(reverse("home"), headers={"accept-language": "ro"})
    html = force.content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html and "bootstrap.min.css" not in html


def test_choosing_the_browsers_language_again_forgets_the_choice(cast, client_for):
    client = client_for(cast.parent_a)
    client.post(reverse("account_settings"), {"language": "ro"})
    client.post(reverse("account_settings"), {"language": ""})
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.language == ""
    response = client.get(reverse("home"), headers={"accept-language": "pl"})
    assert '<html lang="pl"' in response.content.decode()


def test_the_footer_chooser_works_before_login_and_is_kept_after(cast, client_for):
    client = client_for(None)
    response = client.post(reverse("language"), {"language": "ro", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert '<html lang="ro"' in client.get(reverse("login")).content.decode()
    client = client_for(cast.parent_b)
    page = client.post(reverse("language"), {"language": "pl", "next": "/"}, follow=True)
    cast.parent_b.refresh_from_db()
    assert cast.parent_b.language == "pl"
    # Told so, in the language chosen.
    assert "polski" in page.content.decode()


def test_an_unknown_language_or_a_foreign_next_address_changes_nothing(cast, client_for):
    client = client_for(cast.parent_a)
    response = client.post(reverse("language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.language == ""
    response = client.post(reverse("language"), {"language": "pl", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
    response = client.post(reverse("account_settings"), {"language": "xx"})
    assert response.status_code == 200
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.language == "pl"


def test_every_footer_has_the_language_chooser_and_the_accessibility_statement(cast, client_for):
    for user in (None, cast.parent_a, cast.manager):
        url = reverse("login") if user is None else reverse("home")
        html = client_for(user).get(url).content.decode()
        assert 'id="footer-language"' in html
        assert reverse("accessibility") in html
        for code, name in (("pl", "polski"), ("ro", "Română"), ("ur", "اردو")):
            assert f'<option value="{code}" lang="{code}"' in html and name in html


def test_the_accessibility_statement_is_open_to_everyone(db, client_for):
    html = client_for(None).get(reverse("accessibility")).content.decode()
    assert "(WCAG) 2.2 at level AA" in html and "320 pixels" in html and "axe" in html
    assert "Tell us about a problem" in html


def test_emails_go_in_each_recipients_language(cast):
    cast.parent_a.language = "pl"
    cast.parent_a.save(update_fields=["language"])
    with committed():
        account_invite(user=cast.parent_a, by=cast.manager)
        account_invite(user=cast.parent_b, by=cast.manager)
    run_tasks()
    context = {"nursery_name": settings.NURSERY_NAME}
    subjects = {}
    for language in ("pl", "en-gb"):
        with translation.override(language):
            subjects[language] = " ".join(
                render_to_string("registration/invitation_subject.txt", context).split()
            )
    assert subjects["pl"] != subjects["en-gb"]
    assert sorted((m.subject, tuple(m.to)) for m in mail.outbox) == sorted(
        [
            (subjects["en-gb"], (cast.parent_b.email,)),
            (subjects["pl"], (cast.parent_a.email,)),
        ]
    )


def test_english_dates_are_british(cast, client_for):
    with translation.override("en-gb"):
        from django.utils.formats import date_format

        assert date_format(cast.child_a.date_of_birth, "SHORT_DATE_FORMAT")[2] == "/"
        assert date_format(cast.child_a.date_of_birth, "SHORT_DATE_FORMAT") == (
            cast.child_a.date_of_birth.strftime("%d/%m/%Y")
        )


def test_a_date_after_its_day_has_the_months_form_for_a_date_in_polish(cast, client_for):
    """ "6 grudnia 2026", as Polish writes a date, never "6 Grudzień 2026":
    every page writes a day and its month with "E", which is "F" in English."""
    import re
    from datetime import date

    cast.child_a.date_of_birth = date(2024, 12, 6)
    cast.child_a.save(update_fields=["date_of_birth"])
    client = client_for(cast.parent_a)
    client.post(reverse("account_settings"), {"language": "pl"})
    page = client.get(reverse("families:child_detail", args=[cast.child_a.pk])).content.decode()
    assert "6 grudnia 2024" in page
    assert "Grudzień" not in page
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        assert not re.search(r'date:"[^"]*j F', template.read_text()), template


def test_a_form_pages_heading_and_button_are_in_the_readers_language(cast, client_for):
    """Words a view declares on its class are translated when the page is
    read, not once when the code is loaded."""
    cast.parent_a.language = "pl"
    cast.parent_a.save(update_fields=["language"])
    html = client_for(cast.parent_a).get(reverse("records:ask")).content.decode()
    assert '<h1 class="h2">Poproś o swoje dane</h1>' in html
    assert "Wyślij mój wniosek" in html
    assert "Ask for your data" not in html


def test_no_string_is_translated_when_its_module_is_loaded():
    """`gettext` at a module's or a class's top level (or in a decorator or
    a default value) runs once, at import, in whatever language is active
    then: such strings must be lazy."""
    root = Path(settings.BASE_DIR)
    eager = []
    for path in subprocess.run(
        ["git", "-C", str(root), "ls-files", "*.py"], capture_output=True, text=True, check=True
    ).stdout.split():
        if "/migrations/" in path or path.startswith("tests/"):
            continue
        tree = ast.parse((root / path).read_text())
        names = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
            for alias in node.names
            if alias.name in {"gettext", "ngettext", "pgettext", "npgettext"}
        }
        eager += [f"{path}:{line}" for line in _calls_at_import(tree, names)]
    assert not eager, "translated at import (use gettext_lazy): " + ", ".join(eager)


def test_the_import_time_check_sees_decorators_and_defaults_but_not_bodies():
    tree = ast.parse(
        "@register(title=_('a'))\n"
        "def f(x=_('b')):\n"
        "    return _('c')\n"
        "class C:\n"
        "    heading = _('d')\n"
        "    g = lambda: _('e')\n"
    )
    assert list(_calls_at_import(tree, {"_"})) == [1, 2, 5]


def _calls_at_import(node, names):
    """Lines of calls to `names` that run when the module is imported: all
    but those inside a function's or a lambda's body."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        runs_now = [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]
        for child in runs_now:
            if child is not None:
                yield from _calls_at_import(child, names)
        return
    if isinstance(node, ast.Lambda):
        yield from (
            line
            for child in [*node.args.defaults, *node.args.kw_defaults]
            if child is not None
            for line in _calls_at_import(child, names)
        )
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
        yield node.lineno
    for child in ast.iter_child_nodes(node):
        yield from _calls_at_import(child, names)


def _library_words():
    """Every word the libraries' own English catalogues define."""
    import re

    import allauth
    import django

    words = set()
    for package, part in ((django, "contrib/auth"), (django, "conf"), (allauth, "")):
        catalogue = Path(package.__file__).parent / part / "locale/en/LC_MESSAGES/django.po"
        text = catalogue.read_text(encoding="utf-8")
        for found in re.finditer(r'^msgid ((?:".*"\n)+)', text, re.M):
            words.add("".join(re.findall(r'"(.*)"', found.group(1))).replace('\\"', '"'))
    return words


def test_the_library_words_the_portal_translates_are_still_the_libraries_own():
    """A library that changes a word's wording would leave the portal's
    translation of the old one unused: the words marked for translation
    are still, word for word, the libraries'."""
    from nursery.library_words import PLURALS, WORDS

    known = _library_words()
    with translation.override("en"):
        marked = [*WORDS, *(str(plural) for plural in PLURALS)]  # the singular, for one
    assert not [word for word in marked if word not in known]


def test_a_parent_changes_their_password_in_urdu(cast, client_for):
    cast.parent_a.language = "ur"
    cast.parent_a.save(update_fields=["language"])
    client = client_for(cast.parent_a)
    html = client.get(reverse("password_change")).content.decode()
    assert "نئے پاس ورڈ کی تصدیق" in html
    assert "New password confirmation" not in html
    assert "entirely numeric" not in html
    html = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "1234", "new_password2": "12345"},
    ).content.decode()
    assert "آپ کا پرانا پاس ورڈ غلط لکھا گیا" in html
    assert "didn\u2019t match" not in html


def test_a_phone_number_reads_left_to_right_on_an_urdu_page(cast, client_for):
    """In Urdu the groups of a number would otherwise be laid out from the
    right ("960001 01632"): every number shown is kept left to right."""
    details = cast.child_a.details
    details.home_phone = "01632 960001"
    details.save(update_fields=["home_phone"])
    client = client_for(cast.parent_a)
    client.post(reverse("account_settings"), {"language": "ur"})
    page = client.get(reverse("families:child_detail", args=[cast.child_a.pk])).content.decode()
    assert '<html lang="ur" dir="rtl">' in page
    assert '<bdi dir="ltr" class="text-nowrap">01632 960001</bdi>' in page
