"""Words on the page read at the cost of a dictionary lookup.

Two costs that Django pays on every use, many times on every list page, and
that this module removes once at start-up without changing a word shown:

- `get_FOO_display()` builds its dictionary of choices with
  `make_hashable`, which hashes every label. A translated label is a lazy
  string, and hashing one translates it: a field of fourteen choices
  translated fourteen labels (about 80 microseconds) to show one. Here the
  dictionary hashes the stored values only, and the label found is
  translated alone.
- A page's words in English are looked up in the en-GB catalogue, then, as
  Python's gettext chains them, in each of the `en` catalogues of Django's
  own apps, which hold no message at all. The portal's English strings are
  their own msgids, found in none, so every one walked the whole empty chain
  (about three times the cost of a lookup that finds its word).
"""

from functools import partialmethod

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import trans_real


def _choice_display(self, field):
    """`Model._get_FIELD_display` that hashes the stored values, not the labels."""
    value = getattr(self, field.attname)
    labels = _labels.get(field)
    if labels is None:
        labels = {make_hashable(stored): label for stored, label in field.flatchoices}
        if isinstance(field.choices, (list, tuple)):
            # Choices written in the model never change while the process
            # runs (the labels stay lazy: each is translated when shown);
            # choices a callable gives are read afresh each time.
            _labels[field] = labels
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


# {field: {stored value: its label}}, for the fields whose choices are fixed.
_labels = {}


def use_fast_choice_displays():
    """Give every model's `get_FOO_display` Django made (not one a model
    wrote itself) the lookup above. Returns how many were replaced."""
    replaced = 0
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is Model._get_FIELD_display:
                setattr(model, name, partialmethod(_choice_display, field=field))
                replaced += 1
    return replaced


def _holds_no_message(translation):
    catalog = getattr(translation, "_catalog", None)
    return isinstance(catalog, dict) and all(key == "" for key in catalog)


def drop_empty_catalogs():
    """Unchain, from each of the portal's languages, the catalogues that
    hold no message (only their header): a lookup that reached one found
    nothing there and went on to the next, so no lookup's answer changes."""
    for code, _name in settings.LANGUAGES:
        link = trans_real.translation(code)
        while link is not None:
            following = getattr(link, "_fallback", None)
            while following is not None and _holds_no_message(following):
                following = getattr(following, "_fallback", None)
            if following is not getattr(link, "_fallback", None):
                link._fallback = following
            link = following
