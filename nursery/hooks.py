"""Questions a lower app asks and a higher app answers, so that the lower
one never imports the higher (the layers in pyproject.toml's import
contract).

A hook has one answer at most: the app that owns the answer registers it
from its AppConfig.ready (`consent_is_given.answer(func)`); a second answer
stops the portal at start-up. Until an app answers, a hook gives its
`default`, chosen to be the safe one (no consent is recorded, so nothing is
shared). Tests answer for a while with `hook.temporarily(func)`.
"""

from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured


class Hook:
    def __init__(self, name, *, default):
        self.name = name
        self.default = default
        self.provider = None

    def answer(self, func):
        """Make `func` this hook's answer (usable as a decorator)."""
        if self.provider is not None and self.provider is not func:
            raise ImproperlyConfigured(f"The hook {self.name!r} already has an answer.")
        self.provider = func
        return func

    def __call__(self, **kwargs):
        if self.provider is None:
            return self.default
        return self.provider(**kwargs)

    @contextmanager
    def temporarily(self, func):
        """Answer with `func` for the duration of a `with` block (for tests)."""
        before, self.provider = self.provider, func
        try:
            yield self
        finally:
            self.provider = before


# consent_is_given(child=..., code=...): whether the child's current
# decision for the consent purpose `code` is "given" (families asks it of
# the consent ledger before the check at age two goes to the health visitor).
consent_is_given = Hook("consent_is_given", default=False)

# restrictions_in_force(): the restrictions of processing in force (UK GDPR
# Art. 18) as a queryset of rows with a `child` field, or None when no app
# keeps them. Families asks it in its one check (families.restriction),
# which services and the everyday lists of children use; records answers.
restrictions_in_force = Hook("restrictions_in_force", default=None)
