"""Existing links get a household each: one per surname and address.

The portal keeps one address per child (its practical details), so the
adults of a child who share a surname are put in one household and anyone
else in a household of their own. The manager is shown these as not yet
confirmed (`household_confirmed` False) until they check them.
"""

from django.db import migrations


def _surname(full_name):
    parts = (full_name or "").split()
    return parts[-1].casefold() if parts else ""


def guess_households(apps, schema_editor):
    ParentLink = apps.get_model("families", "ParentLink")
    PracticalDetails = apps.get_model("families", "PracticalDetails")
    addresses = {
        d["child_id"]: (d["address"] or "").casefold().strip()
        for d in PracticalDetails.objects.values("child_id", "address")
    }
    numbers = {}
    links = ParentLink.objects.select_related("parent").order_by("child_id", "created_at", "pk")
    for link in links:
        key = (_surname(link.parent.full_name), addresses.get(link.child_id, ""))
        per_child = numbers.setdefault(link.child_id, {})
        if key not in per_child:
            per_child[key] = len(per_child) + 1
        link.household = per_child[key]
        link.household_confirmed = False
        link.save(update_fields=["household", "household_confirmed"])


class Migration(migrations.Migration):
    dependencies = [("families", "0005_households_and_private_items")]

    operations = [migrations.RunPython(guess_households, migrations.RunPython.noop)]
