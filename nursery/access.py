"""Fetching one object for a person: the one helper every app uses.

    get_object_for(user, Child.objects.select_related("room"), pk=pk)
    get_object_for(user, Transfer, perm="transitions.send_pack",
                   perm_object=lambda t: t.child, pk=pk)

The object is looked up through its queryset's `visible_to(user)`: outside
the person's reach it answers 404 (its existence does not leak); within
reach, `perm` (a rules permission) is checked on `perm_object` (the object
itself unless given; a callable gets the object) and refused with 403.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404


def get_object_for(user, queryset_or_model, *, perm=None, perm_object=None, **lookup):
    if isinstance(queryset_or_model, type) and issubclass(queryset_or_model, models.Model):
        queryset = queryset_or_model._default_manager.all()
    else:
        queryset = queryset_or_model
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if perm is not None:
        target = perm_object(obj) if callable(perm_object) else (perm_object or obj)
        if not user.has_perm(perm, target):
            raise PermissionDenied
    return obj
