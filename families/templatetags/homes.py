"""The name of whoever did something about a child, as the reader may read
it: `{% adult_name person child_id %}`, or `… as who` to use it in a
sentence (`who.named` is False where another home's adult is not named).

On a page the reader is the person asking; a family's copy of the records
puts its `reader` (None for a copy with no reader) and `households` in its
context (see `families.models.homes.name_shown_to`)."""

from django import template

from families.models.homes import households_around, name_shown_to
from nursery.queries import once_per_request

register = template.Library()


@register.simple_tag(takes_context=True)
def adult_name(context, person, child_id):
    if person is None:
        return ""
    if "reader" in context:
        households = context["households"]
        return name_shown_to(context["reader"], person, child_id, lambda: households)
    request = context["request"]
    reader = request.user

    def households():
        return once_per_request(
            request, "families.households_around", lambda: households_around(reader)
        )

    return name_shown_to(reader, person, child_id, households)
