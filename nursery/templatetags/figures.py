"""`{{ number|phone }}`: a phone number that reads left to right on every
page. In a right-to-left language (Urdu) the groups of "01632 960001"
would otherwise be laid out from the right ("960001 01632"): the number
staff ring in an emergency must never read so."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def phone(number):
    if not number:
        return number
    # Left to right and never broken across two lines, on a right-to-left
    # page too (a number split in two reads as two numbers).
    return format_html('<bdi dir="ltr" class="text-nowrap">{}</bdi>', number)
