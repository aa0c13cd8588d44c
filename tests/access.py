"""The access matrix's vocabulary: one Row per URL pattern, with the status
every member of the cast gets for GET and for POST.

Each app lists its rows in tests/<app>/access_rows.py as ROWS; the matrix
test gathers them, and fails when a URL pattern of the portal has no row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import MEMBERS

GROUPS = {
    "parents": ("parent_a", "parent_b", "parent_restricted", "parent_a_home2"),
    "other_parents": ("parent_b", "parent_restricted"),
    "staff": ("practitioner", "key_person", "dsl", "manager"),
    "everyone": MEMBERS[1:],
}


def statuses(**spec):
    """Expand group names (parents, staff, everyone…) then single members,
    later keys overriding earlier ones; `anon` defaults to 302 (to login)."""
    result = {"anon": 302}
    for key, status in spec.items():
        for member in GROUPS.get(key, (key,)):
            if member not in MEMBERS:
                raise ValueError(f"unknown cast member {member!r}")
            result[member] = status
    # The second household's adult sees the child as parent_a does; rows for
    # what parent_a wrote or was told name parent_a_home2 (404) explicitly.
    # (A group such as "parents" does not count as naming it.)
    if "parent_a_home2" not in spec and "parent_a" in result:
        result["parent_a_home2"] = result["parent_a"]
    missing = set(MEMBERS) - set(result)
    if missing:
        raise ValueError(f"no status for {sorted(missing)}")
    return result


@dataclass
class Row:
    """One URL pattern of the portal, by its name."""

    name: str
    get: dict
    post: dict
    kwargs: Callable = lambda cast: {}
    data: Callable = lambda cast: {}
    # Pages open to anonymous people redirect them elsewhere on success.
    public: bool = False

    def __post_init__(self):
        for method in ("get", "post"):
            missing = set(MEMBERS) - set(getattr(self, method))
            if missing:
                raise ValueError(f"{self.name} {method}: no status for {sorted(missing)}")


# Common shapes.
ONLY_MANAGER = statuses(everyone=403, manager=200)
STAFF = statuses(parents=403, staff=200)
NOT_ALLOWED = statuses(everyone=405, anon=302)
