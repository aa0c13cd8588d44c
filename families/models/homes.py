"""Each home of a child confirms for itself.

The adults of a child may live in two homes (the household on each adult's
link). When a home confirms something the family is asked to confirm
(reading a shared record, an accident, a dose of medicine), the first adult
of that home to confirm answers for it, and for it alone: the item stays on
the other home's list until that home confirms too, and a parent is shown
only their own home's confirmation, never whether or by whom another home
has confirmed. Staff see every home's.

Each kind of item keeps its confirmations in a model of its own, with a
`household` field and one row per item and household. These functions are
the one rule over all of them; `confirmations` is always that model's rows
of one outer item (for example
`AcknowledgementOfAccident.objects.filter(accident=OuterRef("pk"))`), and
the outer item has a `child`.

What one home did is not told to the other home by name either:
`name_shown_to` is the rule for every page and family copy that names who
gave, signed, confirmed or changed something about a child.
"""

from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from families.models.core import ParentLink


def homes_of(user, child=None):
    """The households `user` belongs to for a child, as a subquery of
    values (one, as a rule). `child` defaults to the child of the item the
    `confirmations` around this subquery are correlated to."""
    if child is None:
        child = OuterRef(OuterRef("child"))
    return ParentLink.objects.filter(parent=user, child=child).values("household")


def home_of(user, child_id):
    """`user`'s household for the child (the first, 1, when no link says)."""
    household = (
        ParentLink.objects.filter(parent=user, child_id=child_id)
        .values_list("household", flat=True)
        .first()
    )
    return 1 if household is None else household


def count_of(queryset, correlated, distinct=None):
    """A scalar subquery: how many rows of `queryset` (correlated to the
    outer row on `correlated`), or how many distinct values of `distinct`."""
    counted = Count(distinct, distinct=True) if distinct else Count("pk")
    subquery = queryset.order_by().values(correlated).annotate(n=counted).values("n")
    return Coalesce(Subquery(subquery), Value(0))


def homes_asked():
    """How many homes the outer item's child has with an adult who uses the
    portal: the homes asked to confirm."""
    links = ParentLink.objects.filter(child=OuterRef("child"), portal_access=True)
    return count_of(links, "child", distinct="household")


def not_confirmed_by_home_of(queryset, user, confirmations):
    """The items of `queryset` that no adult of `user`'s home has confirmed
    (another home's confirmation leaves them waiting)."""
    return queryset.exclude(Exists(confirmations.filter(household__in=homes_of(user))))


def with_homes_confirmed(queryset, user, confirmations, correlated):
    """Annotate `homes_confirmed` and `homes_asked`: for staff, how many of
    the child's homes have confirmed and how many are asked; for a parent,
    whether their own home has (0 or 1, of 1), never another home.
    `correlated` is the confirmations' field that names the item."""
    if user.is_authenticated and user.is_setting_staff:
        return queryset.annotate(
            homes_confirmed=count_of(confirmations, correlated), homes_asked=homes_asked()
        )
    return queryset.annotate(
        homes_confirmed=count_of(confirmations.filter(household__in=homes_of(user)), correlated),
        homes_asked=Value(1),
    )


def waiting_for_a_home(queryset, confirmations, correlated):
    """For staff: the items some home asked has not confirmed yet (an item
    whose child has no adult on the portal waits until one confirms)."""
    return queryset.annotate(
        homes_confirmed=count_of(confirmations, correlated), homes_asked=homes_asked()
    ).filter(homes_confirmed__lt=Greatest("homes_asked", Value(1)))


def confirmed_by_every_home(item):
    """On a list annotated by `with_homes_confirmed`: every home asked has
    confirmed (for a parent, their own home)."""
    return item.homes_confirmed >= max(item.homes_asked, 1)


def confirmations_shown_to(user, confirmations, child_id):
    """The confirmations of one item that `user` may see: staff, every
    home's; a parent, their own home's."""
    if user.is_setting_staff:
        return list(confirmations)
    mine = ParentLink.objects.filter(parent=user, child_id=child_id).values("household")
    return list(confirmations.filter(household__in=mine))


def confirm_for_home(confirmations, *, by, child_id, **values):
    """`by`'s home confirms: add a row to `confirmations` (an item's related
    manager, such as `accident.acknowledgements`) with `values`, unless an
    adult of the same home has confirmed already (the first confirmation
    stands). True when this one is new. The item must be locked."""
    household = home_of(by, child_id)
    if confirmations.filter(household=household).exists():
        return False
    confirmations.create(household=household, **values)
    return True


ANOTHER_ADULT = _("another parent or carer")
ANOTHER_ADULT_AT_START = _("Another parent or carer")


class ShownName(str):
    """A name as one reader may read it; `named` is False where the reader
    is told only that another home's adult did it (`at_start` begins a
    sentence with it)."""

    named = True

    @property
    def at_start(self):
        return self if self.named else ANOTHER_ADULT_AT_START


def households_around(user):
    """{child id: {adult id: household}} for every child `user` is linked
    to, in one query: the homes of each of those children's adults."""
    links = ParentLink.objects.filter(
        child__in=ParentLink.objects.filter(parent=user).values("child")
    ).values_list("child_id", "parent_id", "household")
    around = {}
    for child_id, parent_id, household in links:
        around.setdefault(child_id, {})[parent_id] = household
    return around


def households_of_child(child_id):
    """`households_around` for one child's adults alone (a family's copy
    of that child's records)."""
    links = ParentLink.objects.filter(child_id=child_id).values_list("parent_id", "household")
    return {child_id: dict(links)}


def name_shown_to(reader, person, child_id, households):
    """`person`'s name, who did something about the child `child_id`, as
    `reader` may read it: staff read every name; a parent or carer reads
    their own, their own home's adults' and the names of people who are
    none of the child's adults (staff); another home's adult is "another
    parent or carer", since what one home does is not told to the other.
    `reader` None is a family's copy with no reader, which may reach either
    home: it names none of the child's adults. `households()` answers
    `households_around(reader)`, asked only for another adult's name."""
    name = ShownName(person)
    if reader is not None and (reader.is_setting_staff or reader.pk == person.pk):
        return name
    adults = households().get(child_id, {})
    if person.pk not in adults:
        return name
    if reader is not None and adults.get(reader.pk) == adults[person.pk]:
        return name
    hidden = ShownName(ANOTHER_ADULT)
    hidden.named = False
    return hidden
