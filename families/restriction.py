"""The one check for a restriction of processing (UK GDPR Art. 18).

While a restriction on a child's records is in force (the records app
keeps the requests and answers `nursery.hooks.restrictions_in_force`), the
child's records are read-only and stay out of everyday lists:

- `restricted_children()` is the subquery `Child.objects.current()` leaves
  out (the roster, the register, the boards, the panels and figures);
- `refuse_if_restricted(child_id)` is what every write of a record about a
  child asks, through the `pre_save` and `pre_delete` signals connected
  below for every model of the portal's apps with a `child` (and the Child
  itself), so that a service's write is refused with a DomainError inside
  its transaction, whichever service it is.

Disposal and the restriction's own records are not about the child's
records and are not watched (the records app and the kernel).
"""

from django.apps import apps
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

from nursery import hooks
from nursery.errors import DomainError

# The kernel (the audit log) and the records app (the requests themselves,
# holds, the disposal log) keep writing while a restriction is in force.
UNWATCHED_APPS = {"nursery", "records"}


def restricted_children():
    """A subquery of the pks of children under a restriction, or None."""
    rows = hooks.restrictions_in_force()
    return None if rows is None else rows.values("child")


def is_restricted(child_id):
    rows = hooks.restrictions_in_force()
    return rows is not None and rows.filter(child_id=child_id).exists()


def refuse_if_restricted(child_id):
    if child_id is not None and is_restricted(child_id):
        raise DomainError(
            _(
                "This child's records are restricted at the family's request: they can be "
                "read but not changed until the restriction is lifted. Nothing was saved."
            ),
            code="processing_restricted",
        )


def _child_id_of(instance):
    from families.models import Child

    if isinstance(instance, Child):
        return instance.pk
    return getattr(instance, "child_id", None)


def _check(sender, instance, **kwargs):
    refuse_if_restricted(_child_id_of(instance))


def watched_models():
    """Every model whose rows are records about one child: the Child, and
    the models of the portal's apps with a `child` foreign key to it (not
    the histories, which follow their record)."""
    from families.models import Child

    found = [Child]
    for model in apps.get_models():
        if model._meta.app_label in UNWATCHED_APPS or model.__name__.startswith("Historical"):
            continue
        try:
            field = model._meta.get_field("child")
        except Exception:
            continue
        if getattr(field, "related_model", None) is Child:
            found.append(model)
    return found


def connect():
    for model in watched_models():
        uid = f"families.restriction.{model._meta.label_lower}"
        pre_save.connect(_check, sender=model, dispatch_uid=f"{uid}.save")
        pre_delete.connect(_check, sender=model, dispatch_uid=f"{uid}.delete")
