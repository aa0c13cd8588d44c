"""The `date` filter as Django's, quicker (nursery.dates.format_date): a
builtin of the portal's templates (settings.TEMPLATES)."""

from django import template
from django.template import defaultfilters

from nursery.dates import format_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if not arg:
        # The language's own DATE_FORMAT, as Django reads it.
        return defaultfilters.date(value, arg)
    try:
        return format_date(value, arg)
    except AttributeError:
        return defaultfilters.date(value, arg)
