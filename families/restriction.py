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

import functools

from django.apps import apps
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

from nursery import hooks
from nursery.errors import DomainError

# The kernel (the audit log) and the records app (the requests themselves,
# holds, the disposal log) keep writing while a restriction is in force. So
# do the child's safety in the room (the register, health alerts, who may
# collect, accidents and their notifications), medicine and consents (a
# dose given is recorded; a consent is the family's to give or withdraw)
# and child protection, here and in the models that say
# `kept_under_restriction` (child-protection tasks and files): the child
# still attends, the setting's legal duties go on, and UK GDPR Art. 18(2)
# lets processing go on to protect another person's rights.
UNWATCHED_APPS = {"nursery", "records", "safety", "consents", "safeguarding"}


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
    through = _kept_under().get(type(instance))
    if through is not None:
        field = instance._meta.get_field(through)
        parent_id = getattr(instance, field.attname)
        if parent_id is None:
            return None
        return (
            field.related_model._default_manager.filter(pk=parent_id)
            .values_list("child_id", flat=True)
            .first()
        )
    return getattr(instance, "child_id", None)


def _check(sender, instance, **kwargs):
    refuse_if_restricted(_child_id_of(instance))


def _portal_models():
    for model in apps.get_models():
        if model._meta.app_label in UNWATCHED_APPS or model.__name__.startswith("Historical"):
            continue
        if getattr(model, "kept_under_restriction", False):
            continue
        yield model


def _child_field(model):
    from families.models import Child

    try:
        field = model._meta.get_field("child")
    except Exception:
        return None
    return field if getattr(field, "related_model", None) is Child else None


def _direct_models():
    return [model for model in _portal_models() if _child_field(model) is not None]


@functools.cache
def _kept_under():
    """{model: the foreign key that leads to its child} for the records
    about one child kept under another record by a single key (an action
    under its meeting, a family's reading of an accident). Worked out once
    the apps are loaded: the models do not change while the portal runs."""
    from families.models import Child

    direct = _direct_models()
    through = {}
    for model in _portal_models():
        if model is Child or _child_field(model) is not None:
            continue
        keys = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.many_to_one and field.related_model in direct
        ]
        if len(keys) == 1:
            through[model] = keys[0]
    return through


def watched_models():
    """Every model whose rows are records about one child: the Child, the
    models of the portal's apps with a `child` foreign key to it, and the
    records kept under one of those by a single foreign key (an action
    agreed at a meeting, a family's reading of an accident); not the
    histories, which follow their record."""
    from families.models import Child

    return [Child, *_direct_models(), *_kept_under()]


def connect():
    for model in watched_models():
        uid = f"families.restriction.{model._meta.label_lower}"
        pre_save.connect(_check, sender=model, dispatch_uid=f"{uid}.save")
        pre_delete.connect(_check, sender=model, dispatch_uid=f"{uid}.delete")
