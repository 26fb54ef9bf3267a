"""Signals ingest sends, so later stages can start without ingest importing them.

``source_stored(sender=DataSource, source=<DataSource>)`` is sent once the transaction that
stored an upload or a handle has committed. The scoring pipeline connects to it; ingest
never imports scoring (see ARCHITECTURE.md).
"""
from django.dispatch import Signal

source_stored = Signal()
