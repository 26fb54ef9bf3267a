"""Uploads are cut off at UPLOAD_MAX_BYTES while they stream in: the rest of the request
is never read, nothing past the limit is spooled, and the page says the file is too large."""
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from ingest.models import DataSource
from ingest.uploads import CappedUploadHandler

pytestmark = pytest.mark.django_db
LIMIT = 1024 * 1024
CHUNK = CappedUploadHandler.chunk_size


def parse(body: bytes, declared_length: int) -> tuple[CappedUploadHandler, io.BytesIO, dict, dict]:
    capped = CappedUploadHandler()
    stream = io.BytesIO(body)
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(declared_length)}
    post, files = MultiPartParser(meta, stream, [capped, MemoryFileUploadHandler(), TemporaryFileUploadHandler()]).parse()
    return capped, stream, post, files


def body_with(size: int) -> bytes:
    return encode_multipart(BOUNDARY, {"platform": "facebook", "archive": SimpleUploadedFile("big.zip", bytes(size))})


def test_a_request_declared_too_large_is_refused_before_its_file_is_read(settings):
    settings.UPLOAD_MAX_BYTES = LIMIT
    body = body_with(3 * LIMIT)
    capped, stream, post, files = parse(body, len(body))
    assert capped.refusal == "The file is too large (3 MB; the limit is 1 MB)."
    assert post["platform"] == "facebook" and "archive" not in files
    assert stream.tell() <= 2 * CHUNK


def test_a_file_larger_than_its_request_declared_is_cut_off_at_the_limit(settings):
    """A client that lies about the length (or sends it chunked) is still stopped."""
    settings.UPLOAD_MAX_BYTES = LIMIT
    body = body_with(3 * LIMIT)
    capped, stream, post, files = parse(body, LIMIT // 2)
    assert capped.refusal.startswith("The file is too large (")
    assert "archive" not in files
    assert stream.tell() <= LIMIT + 2 * CHUNK


def test_a_file_within_the_limit_passes_through_untouched(settings):
    settings.UPLOAD_MAX_BYTES = LIMIT
    body = body_with(LIMIT - 1000)
    capped, stream, post, files = parse(body, len(body))
    assert capped.refusal is None
    assert files["archive"].size == LIMIT - 1000


def test_the_upload_page_spools_nothing_past_the_limit_and_says_so(alice_client, media_root, settings, monkeypatch):
    settings.UPLOAD_MAX_BYTES = LIMIT
    spooled = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        real = handler.receive_data_chunk

        def counting(self, raw_data, start, real=real):
            spooled.append(len(raw_data))
            return real(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    upload = SimpleUploadedFile("big.zip", bytes(5 * LIMIT), content_type="application/zip")
    response = alice_client.post(reverse("ingest:upload"), {"platform": "linkedin", "archive": upload})
    assert sum(spooled) <= LIMIT
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing was uploaded: The file is too large (5 MB; the limit is 1 MB)."
    ]
    assert not DataSource.objects.exists()


def test_the_page_tells_the_browser_the_limit_before_it_sends(alice_client, settings):
    settings.UPLOAD_MAX_BYTES = LIMIT
    page = alice_client.get(reverse("ingest:sources")).content.decode()
    assert f'data-max-bytes="{LIMIT}"' in page
    assert "js/upload_limit.js" in page
