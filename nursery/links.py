"""The addresses of the portal's pages, reversed once for each shape.

Django's reverse() tries the arguments against the patterns of the name each
time it is called (about 13 µs), and a list of fifty rows reverses one to
three addresses a row. An address whose arguments are all ids (whole numbers
of at least 0) has the same shape whatever the ids: it is reversed once with
stand-in numbers, and afterwards the ids are put in their places. Anything
else (a word, a negative number, a name that no pattern gives) goes to
Django's reverse() as before, with its errors.

`reverse(viewname, args=…, kwargs=…)` is used as Django's is; the
templates' `{% url %}` uses it too (nursery.templatetags.links, a builtin).
"""

import re

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# Two sets of stand-ins: a shape is kept only when both give the same
# address around them, so that no pattern of the name tells one id from
# another (a converter that accepted only some numbers would show here).
_STAND_INS = (
    tuple(7_303_909_000 + n for n in range(1, 9)),
    tuple(8_404_808_000 + n for n in range(1, 9)),
)
_NO_SHAPE = object()
_shapes = {}


def _is_id(value):
    return type(value) is int and value >= 0


def _shape(viewname, nargs, keys, current_app):
    """(the address's text around its ids, the order of the ids in it), or
    _NO_SHAPE where the address cannot be shaped so."""
    count = nargs + len(keys)
    if count == 0:
        try:
            return ((django_reverse(viewname, current_app=current_app),), ())
        except NoReverseMatch:
            return _NO_SHAPE
    found = set()
    for stand_ins in _STAND_INS:
        if count > len(stand_ins):
            return _NO_SHAPE
        kwargs = dict(zip(keys, stand_ins[nargs:count], strict=True))
        try:
            url = django_reverse(
                viewname, args=stand_ins[:nargs], kwargs=kwargs or None, current_app=current_app
            )
        except NoReverseMatch:
            return _NO_SHAPE
        wanted = [str(n) for n in stand_ins[:count]]
        parts = re.split("(" + "|".join(wanted) + ")", url)
        if sorted(parts[1::2]) != sorted(wanted):
            return _NO_SHAPE
        found.add((tuple(parts[0::2]), tuple(wanted.index(part) for part in parts[1::2])))
    return found.pop() if len(found) == 1 else _NO_SHAPE


def reverse(viewname, args=None, kwargs=None, current_app=None):
    """As django.urls.reverse(), once for each shape of address."""
    args = tuple(args or ())
    keys = tuple(sorted(kwargs)) if kwargs else ()
    ids = (*args, *(kwargs[key] for key in keys))
    shape = _NO_SHAPE
    if isinstance(viewname, str) and all(map(_is_id, ids)):
        # The URLconf's resolver, not its name: a URLconf changed (in a
        # test) is a new resolver, with shapes of its own.
        resolver = get_resolver(get_urlconf())
        key = (viewname, len(args), keys, current_app, get_script_prefix(), resolver)
        shape = _shapes.get(key)
        if shape is None:
            shape = _shapes[key] = _shape(viewname, len(args), keys, current_app)
    if shape is _NO_SHAPE:
        return django_reverse(viewname, args=args or None, kwargs=kwargs, current_app=current_app)
    texts, order = shape
    out = [texts[0]]
    for index, text in zip(order, texts[1:], strict=True):
        out.append(str(ids[index]))
        out.append(text)
    return "".join(out)
