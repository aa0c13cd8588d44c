"""Placeholder until the consent ledger lands: the ledger's own
`consent_is_given` replaces this module, so that nothing is shared on a
consent that was never recorded."""


def consent_is_given(*, child, code):
    return False
