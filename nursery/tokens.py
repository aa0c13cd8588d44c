"""Links sent by email: a password reset and an invitation are different
tokens (one never opens the other's page), each with its own lifetime, and
each works once (the token is bound to the password, which using it
changes)."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class _TimedTokenGenerator(PasswordResetTokenGenerator):
    timeout = 0  # seconds

    def check_token(self, user, token):
        if not (user and token) or not isinstance(token, str):
            return False
        try:
            ts = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - ts > self.timeout:
            return False
        # Django's own check (signature, one use), bounded by the longest lifetime.
        return super().check_token(user, token)


class PasswordResetTokens(_TimedTokenGenerator):
    key_salt = "nursery.tokens.password_reset"
    timeout = settings.PASSWORD_RESET_LINK_SECONDS


class InvitationTokens(_TimedTokenGenerator):
    key_salt = "nursery.tokens.invitation"
    timeout = settings.INVITATION_LINK_SECONDS


password_reset_tokens = PasswordResetTokens()
invitation_tokens = InvitationTokens()
