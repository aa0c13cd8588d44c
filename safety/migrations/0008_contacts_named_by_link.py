"""A contact noted before the form asked which parent was contacted, whose
written name names exactly one of the child's adults (by their name, as
the parent their link says they are, "Mum", or by title and surname), becomes
a contact with that adult: only their home reads it, as the form has it
today (the form now refuses such a name and asks to choose the adult). A
name that names no adult, or more than one, is left as written."""

import re

from django.db import migrations


def _words(name):
    return {w for w in re.split(r"[^\w'-]+", (name or "").lower()) if w}


PARENT_WORDS = {
    "mother": {"mum", "mummy", "mam", "mom", "mommy", "mother"},
    "father": {"dad", "daddy", "father"},
    "step_parent": {"stepmum", "stepmother", "stepdad", "stepfather"},
}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}


def _names(written, name, relationship):
    # As safety.services._names_a_parent, for one adult.
    words, theirs = _words(written), _words(name)
    if words and theirs and (words <= theirs or theirs <= words):
        return True
    if words & PARENT_WORDS.get(relationship, set()):
        return True
    rest = words - TITLES
    return bool(words & TITLES and rest and rest <= theirs)


def contacts_named_by_link(apps, schema_editor):
    ParentContact = apps.get_model("safety", "ParentContact")
    ParentLink = apps.get_model("families", "ParentLink")
    adults = {}
    for child_id, parent_id, full_name, relationship in ParentLink.objects.values_list(
        "child_id", "parent_id", "parent__full_name", "relationship"
    ):
        adults.setdefault(child_id, []).append((parent_id, full_name, relationship))
    contacts = ParentContact.objects.filter(adult__isnull=True).select_related("accident")
    for contact in contacts:
        named = {
            parent_id
            for parent_id, full_name, relationship in adults.get(contact.accident.child_id, [])
            if _names(contact.contacted, full_name, relationship)
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
