"""A contact noted before the form asked which parent was contacted, whose
written name is the name of exactly one of the child's adults, becomes a
contact with that adult: only their home reads it, as the form has it
today (the form now refuses such a name and asks to choose the adult). A
name that matches no adult, or more than one, is left as written."""

import re

from django.db import migrations


def _words(name):
    return {w for w in re.split(r"[^\w'-]+", (name or "").lower()) if w}


def _same_person(written, name):
    # As safety.services.names_match: every word of the shorter is in the longer.
    first, second = _words(written), _words(name)
    return bool(first and second) and (first <= second or second <= first)


def contacts_named_by_link(apps, schema_editor):
    ParentContact = apps.get_model("safety", "ParentContact")
    ParentLink = apps.get_model("families", "ParentLink")
    adults = {}
    for child_id, parent_id, full_name in ParentLink.objects.values_list(
        "child_id", "parent_id", "parent__full_name"
    ):
        adults.setdefault(child_id, []).append((parent_id, full_name))
    contacts = ParentContact.objects.filter(adult__isnull=True).select_related("accident")
    for contact in contacts:
        named = {
            parent_id
            for parent_id, full_name in adults.get(contact.accident.child_id, [])
            if _same_person(contact.contacted, full_name)
        }
        if len(named) == 1:
            contact.adult_id = named.pop()
            contact.save(update_fields=["adult"])


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0010_comments_kept_for_each_adult"),
        ("safety", "0007_parent_contact_adult"),
    ]

    operations = [migrations.RunPython(contacts_named_by_link, migrations.RunPython.noop)]
