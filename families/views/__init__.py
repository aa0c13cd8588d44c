"""The families pages: the core (roster, child, details, links) and the
partnership with parents (meetings, progress, plans, settling in, messages,
child-protection tasks)."""

from families.views.core import *  # noqa: F403
from families.views.mine import *  # noqa: F403
from families.views.partnership import *  # noqa: F403
