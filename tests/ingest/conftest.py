"""Fixtures of the ingest tests."""
import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Each test stores its sources under its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
