"""Who may do what with requests, packs, the retention schedule, holds and
disposal."""

import rules

from nursery.rules import is_dsl, is_manager


@rules.predicate
def is_requester(user, sar):
    return sar is not None and sar.requester_id == user.pk


@rules.predicate
def is_delivered(user, sar):
    return sar is not None and sar.delivered_at is not None


@rules.predicate
def is_prepared(user, sar):
    return sar is not None and sar.prepared_at is not None


# Anyone with an account may ask for their own data.
rules.add_perm("records.ask", rules.is_authenticated)
# A request (object: the request): the requester, the manager, and the DSL
# (who decides on child-protection material).
rules.add_perm("records.view_request", is_requester | is_manager | is_dsl)
rules.add_perm("records.view_requests", is_manager | is_dsl)
rules.add_perm("records.manage_requests", is_manager)
rules.add_perm("records.decide_child_protection", is_dsl)
# The pack: the manager once prepared (to check it), the requester once delivered.
rules.add_perm("records.read_pack", (is_manager & is_prepared) | (is_requester & is_delivered))
# The retention schedule, holds, disposal, erasure and restriction: the manager.
rules.add_perm("records.manage_retention", is_manager)
rules.add_perm("records.manage_rights", is_manager)
