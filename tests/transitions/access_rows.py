"""Access-matrix rows for the transitions app."""

ROWS = []
