from tests.access import ONLY_MANAGER, STAFF, Row, statuses


def child_a(cast):
    return {"pk": cast.child_a.pk}


def details_data(cast):
    contact = cast.child_a.emergency_contacts.get()
    return {
        "details-address": "1 New Street\nNewtown",
        "details-postcode": "nt1 1aa",
        "details-home_phone": "01632 960999",
        "details-gp_name": "Dr B. Jones",
        "details-gp_practice": "Parkview Surgery",
        "details-gp_phone": "01632 960200",
        "details-allergies": "none known",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "1",
        "contacts-MIN_NUM_FORMS": "1",
        "contacts-MAX_NUM_FORMS": "6",
        "contacts-0-id": str(contact.pk),
        "contacts-0-name": "Grace Jones",
        "contacts-0-relationship": "Grandmother",
        "contacts-0-phone": "07700 900124",
        "contacts-0-priority": "1",
    }


def child_data(cast):
    return {
        "first_name": "Ada",
        "last_name": "Ashworth-Reid",
        "date_of_birth": cast.child_a.date_of_birth.isoformat(),
        "room": str(cast.child_a.room_id),
        "started_on": cast.child_a.started_on.isoformat(),
    }


# Family A's child: her parent reads it, other parents get 404.
CHILD_A_READ = statuses(parents=404, parent_a=200, staff=200)
# Writing details: parent A, the key person, the DSL and the manager.
DETAILS_WRITE = statuses(parents=404, parent_a=200, staff=200, practitioner=403)
MANAGER_ON_CHILD_A = statuses(parents=404, parent_a=403, staff=403, manager=200)

ROWS = [
    Row("families:roster", get=STAFF, post=statuses(parents=403, staff=405)),
    Row(
        "families:child_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {**child_data(cast), "last_name": "Newchild"},
    ),
    Row(
        "families:child_detail",
        get=CHILD_A_READ,
        post=statuses(parents=404, parent_a=405, staff=405),
        kwargs=child_a,
    ),
    Row(
        "families:child_edit",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
        data=child_data,
    ),
    Row(
        "families:details_edit",
        get=DETAILS_WRITE,
        post=statuses(parents=404, parent_a=302, staff=302, practitioner=403),
        kwargs=child_a,
        data=details_data,
    ),
    Row(
        "families:details_confirm",
        get=statuses(parents=404, parent_a=405, staff=405, practitioner=403),
        post=statuses(parents=404, parent_a=302, staff=302, practitioner=403),
        kwargs=child_a,
    ),
    Row(
        "families:details_history",
        get=CHILD_A_READ,
        post=statuses(parents=404, parent_a=405, staff=405),
        kwargs=child_a,
    ),
    Row(
        "families:key_person",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
        data=lambda cast: {
            "practitioner": str(cast.practitioner.pk),
            "started_on": cast.child_a.started_on.isoformat(),
        },
    ),
    Row(
        "families:link_create",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
        data=lambda cast: {
            "new_full_name": "Gran Ashworth",
            "new_email": "gran@example.org",
            "relationship": "grandparent",
            "portal_access": "on",
        },
    ),
    Row(
        "families:link_edit",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=lambda cast: {
            "child_pk": cast.child_a.pk,
            "pk": cast.child_a.parent_links.get(parent=cast.parent_a).pk,
        },
        data=lambda cast: {
            "relationship": "mother",
            "has_parental_responsibility": "on",
            "portal_access": "on",
        },
    ),
]
