"""Who may see records about a child, written once for every app.

Every model of a record about one child gets its `visible_to(user)` from
one of these querysets (directly or through a subclass), so that a list
page, a panel and a fetch all apply the same rule as the rules.py
predicates that guard the pages:

- ChildScopedQuerySet: whoever may open the child (staff; a parent through
  a link with portal access).
- RestrictedChildQuerySet: restricted material: the DSL and the manager,
  and the child's current key person unless `key_person_sees` is False.

A model whose child is not its own `child` field sets `child_path` on a
subclass (for example "meeting__child").
"""

from django.db import models

from families.models.core import Child, KeyPersonAssignment


class ChildScopedQuerySet(models.QuerySet):
    child_path = "child"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            children = Child.objects.visible_to(user).values("pk")
            return self.filter(**{f"{self.child_path}__in": children})
        return self.none()


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
