"""Access-matrix rows for the consents app."""

ROWS = []
