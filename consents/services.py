"""Placeholder until the consents ledger lands: it replaces this module with
the real ledger, whose `consent_is_given` reads the child's latest decision."""


def consent_is_given(*, child, code):
    """Whether the current consent of this purpose (`code`) is given for the
    child. Without the ledger nothing has been consented to."""
    return False
