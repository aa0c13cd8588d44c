"""Who may see records about a child, written once for every app.

Every model of a record about one child gets its `visible_to(user)` from
one of these querysets (directly or through a subclass), so that a list
page, a panel and a fetch all apply the same rule as the rules.py
predicates that guard the pages:

- ChildScopedQuerySet: whoever may open the child (staff; a parent through
  a link with portal access).
- WrittenItemQuerySet: what one adult wrote, or what staff addressed to one
  adult: staff, that adult, and the child's other adults of the same
  household unless the item is private ("only the nursery and me"); an
  adult's copy of the records (their leaver's bundle, their subject-access
  pack) holds the same.
- RestrictedChildQuerySet: restricted material: the DSL and the manager,
  and the child's current key person unless `key_person_sees` is False.

A model whose child is not its own `child` field sets `child_path` on a
subclass (for example "meeting__child"). The rule for choosing whom to tell
is `families.selectors.adults_told`, which says the same.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from families.models.core import KeyPersonAssignment, ParentLink, portal_children


def heard_condition(user, *, writer_path, child_path="child", private_path=None):
    """A condition (for `filter` or `annotate`) true where `user`, a parent,
    may read what the adult at `writer_path` wrote or was told about the
    child at `child_path`: their own words, or those of an adult of the same
    household that are not private. Rows must already be limited to children
    `user` may see.

    It fails closed, as `families.selectors.adults_told` does: what an adult
    whose access is restricted (a court order) wrote or was told reaches no
    other adult, and a household the manager has not confirmed (guessed
    from surnames) is shared by nobody until confirmed."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    mine = ParentLink.objects.filter(
        parent=user,
        portal_access=True,
        household_confirmed=True,
        child=OuterRef("child"),
        household=OuterRef("household"),
    )
    writer_link = ParentLink.objects.filter(
        parent=OuterRef(writer_path),
        child=OuterRef(child_path),
        portal_access=True,
        household_confirmed=True,
    ).filter(Exists(mine))
    shared = Q(Exists(writer_link))
    if private_path is not None:
        shared &= Q(**{private_path: False})
    return Q(**{writer_path: user}) | shared


class ChildScopedQuerySet(models.QuerySet):
    child_path = "child"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            # The children of Child.objects.visible_to, as the links name them.
            return self.filter(**{f"{self.child_path}__in": portal_children(user)})
        return self.none()


class WrittenItemQuerySet(ChildScopedQuerySet):
    """An item one adult wrote (`writer_path`) or staff addressed to one adult.
    `private_path` names the "only the nursery and me" field, or None where
    the item has none (it then follows the adult's household)."""

    writer_path = "sent_by"
    private_path = "private"

    def visible_to(self, user):
        qs = super().visible_to(user)
        if user.is_authenticated and not user.is_setting_staff:
            qs = qs.filter(self.heard_by_condition(user))
        return qs

    def heard_by_condition(self, user):
        return heard_condition(
            user,
            writer_path=self.writer_path,
            child_path=self.child_path,
            private_path=self.private_path,
        )


class RestrictedChildQuerySet(models.QuerySet):
    child_path = "child"
    key_person_sees = True

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_setting_staff:
            return self.none()
        if user.is_manager or user.is_dsl:
            return self.all()
        if not self.key_person_sees:
            return self.none()
        key_children = KeyPersonAssignment.objects.filter(
            practitioner=user, ended_on__isnull=True
        ).values("child")
        return self.filter(**{f"{self.child_path}__in": key_children})
