"""Plain values out of forms, for services that never see a form.

A view validates its form (or formset) and hands the service what it says,
as plain values: ``fields_of(form)`` for one record, ``rows_of(formset)`` for
the rows under it. Services write them with ``save_rows``.
"""


def fields_of(form, *, exclude=()):
    """A model form's own fields as a dict of cleaned values."""
    names = form._meta.fields or list(form.cleaned_data)
    return {
        name: form.cleaned_data[name]
        for name in names
        if name in form.cleaned_data and name not in exclude
    }


def rows_of(formset):
    """The rows an inline formset asks to add, change or delete, as dicts:
    the row's fields, plus ``pk`` (None for a new row) and ``delete``."""
    rows = []
    for form in formset.forms:
        pk = form.instance.pk
        delete = formset.can_delete and formset._should_delete_form(form)
        if pk is None and (delete or not form.has_changed()):
            continue
        if pk is not None and not delete and not form.has_changed():
            continue
        rows.append({**fields_of(form), "pk": pk, "delete": delete})
    return rows


def save_rows(*, model, parent_field, parent, rows):
    """Add, change and delete the rows belonging to `parent` (a row of
    another parent is never touched: it is not found)."""
    for row in rows:
        row = dict(row)
        pk, delete = row.pop("pk", None), row.pop("delete", False)
        row.pop("id", None)
        row.pop(parent_field, None)
        if pk is not None:
            obj = model.objects.get(pk=pk, **{parent_field: parent})
            if delete:
                obj.delete()
                continue
            for name, value in row.items():
                setattr(obj, name, value)
        elif delete:
            continue
        else:
            obj = model(**{parent_field: parent}, **row)
        obj.save()
