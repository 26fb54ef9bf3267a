"""Signals ingest sends; other apps connect to them (ingest never imports them)."""
from django.dispatch import Signal

# Sent with ``source=`` once a new or replaced DataSource is committed.
source_stored = Signal()
