"""Choice labels and English words read fast (nursery/labels.py) say
exactly what Django's own way of reading them says, in every language."""

import gettext
from functools import partialmethod
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.utils import translation
from django.utils.translation import trans_real

from nursery import labels


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if field.choices:
                yield model, field


def test_every_display_django_made_is_replaced_and_none_a_model_wrote():
    seen = 0
    for model, field in _choice_fields():
        method = model.__dict__.get(f"get_{field.name}_display")
        if isinstance(method, partialmethod):
            assert method.func is labels._choice_display, (model, field.name)
            seen += 1
    assert seen > 50
    # Once replaced, nothing is left to replace.
    assert labels.use_fast_choice_displays() == 0


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_choice_label_reads_as_djangos_own_lookup_reads_it(language):
    with translation.override(language):
        for model, field in _choice_fields():
            instance = model()
            for stored, label in [*field.flatchoices, ("no such value", None)]:
                setattr(instance, field.attname, stored)
                expected = Model._get_FIELD_display(instance, field)
                shown = getattr(instance, f"get_{field.name}_display")()
                assert shown == expected, (model.__name__, field.name, stored)
                assert shown == (stored if label is None else str(label))
            setattr(instance, field.attname, None)
            assert getattr(instance, f"get_{field.name}_display")() is None


def _chain(link):
    while link is not None:
        yield link
        link = getattr(link, "_fallback", None)


def _msgids():
    """The portal's own words, and some of Django's (admin, auth, forms)."""
    words = {
        "Page not found",
        "This field is required.",
        "Enter a valid date.",
        "Password",
        "Log out",
        "Save",
        "Delete",
        "January",
        "Sunday",
    }
    for mo in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.mo"):
        with mo.open("rb") as catalog:
            keys = gettext.GNUTranslations(catalog)._catalog
        words.update(key for key in keys if isinstance(key, str) and key)
    assert len(words) > 1000
    return sorted(words)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_no_empty_catalogue_is_left_in_a_languages_chain_and_no_word_changes(language):
    in_use = trans_real.translation(language)
    assert not any(labels._holds_no_message(link) for link in _chain(in_use))
    # A catalogue built afresh, as Django builds it, still chained through
    # the empty ones (the default language's too).
    fresh_default = trans_real.DjangoTranslation(settings.LANGUAGE_CODE)
    assert any(labels._holds_no_message(link) for link in _chain(fresh_default))
    fresh = (
        fresh_default
        if language == settings.LANGUAGE_CODE
        else trans_real.DjangoTranslation(language)
    )
    if fresh is not fresh_default:
        # Its fallback is the default language as Django keeps it (pruned):
        # point it at the fresh one, so that no link of the chain is pruned.
        kept_default = trans_real.translation(settings.LANGUAGE_CODE)
        link = next(link for link in _chain(fresh) if link._fallback is kept_default)
        link._fallback = fresh_default
    for msgid in _msgids():
        assert in_use.gettext(msgid) == fresh.gettext(msgid), msgid
    assert in_use.ngettext("%(n)s child", "%(n)s children", 3) == fresh.ngettext(
        "%(n)s child", "%(n)s children", 3
    )
