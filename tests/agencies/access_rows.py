"""Access-matrix rows for the agencies app."""

ROWS = []
