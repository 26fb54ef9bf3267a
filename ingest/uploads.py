"""The upload cap, applied while the request streams in.

Django hands each chunk of an uploaded file to the handlers of ``FILE_UPLOAD_HANDLERS`` in
turn; ``CappedUploadHandler`` comes first and passes chunks on to the handlers that keep
them (memory, then a temporary file) until the file passes ``UPLOAD_MAX_BYTES``. Then it
stops the upload with ``StopUpload(connection_reset=True)``: Django reads no more of the
request, so a body of any size costs at most the limit in spooled bytes and nothing in
reading time. A request whose declared length is already over the limit is stopped before
its file's first byte. The view reads the handler's ``refusal`` sentence and shows it.
"""
from __future__ import annotations

from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

from .archive import megabytes

# Room in a request for the form fields and multipart headers around the file itself.
FORM_ALLOWANCE_BYTES = 64 * 1024


def too_large_message(size: int, limit: int) -> str:
    return f"The file is too large ({megabytes(size)}; the limit is {megabytes(limit)})."


class CappedUploadHandler(FileUploadHandler):
    """Passes chunks through until a file passes ``UPLOAD_MAX_BYTES``, then stops reading."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit: int = settings.UPLOAD_MAX_BYTES
        self.request_length: int | None = None
        self.refusal: str | None = None

    def handle_raw_input(
        self, input_data: IO[bytes], META: dict, content_length: int, boundary: bytes, encoding: str | None = None
    ) -> None:
        self.request_length = content_length

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.request_length and self.request_length > self.limit + FORM_ALLOWANCE_BYTES:
            self._stop(self.request_length)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self._stop(max(self.request_length or 0, start + len(raw_data)))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the handlers after this one build the file

    def _stop(self, size: int) -> None:
        self.refusal = too_large_message(size, self.limit)
        raise StopUpload(connection_reset=True)


def upload_refusal(request: HttpRequest) -> str | None:
    """The sentence of a stopped upload in this request, if one was stopped."""
    for handler in request.upload_handlers:
        if isinstance(handler, CappedUploadHandler) and handler.refusal:
            return handler.refusal
    return None
