"""Writes to ingest: storing, parsing and deleting an applicant's data sources.

Views, tasks and commands call these and nothing else; the reading of exports itself is
the pure core in ``ingest.archive`` and ``ingest.parsers``.
"""
from __future__ import annotations

import hashlib
import logging
import shutil
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .archive import ArchiveLimits, ArchiveRefused
from .media import store_images
from .models import DataSource, Platform, archive_upload_to
from .parsers import check_export, parse_export
from .parsers.twitter_api import TwitterUnavailable, fetch_profile, normalize_handle, require_token
from .quota import quota_refusal
from .retention import strip_profile
from .signals import source_stored
from .uploads import too_large_message

logger = logging.getLogger(__name__)

# Fingerprints of dropped texts are keyed, so a common phrase cannot be looked up by its digest.
FINGERPRINT_SALT = "credsly.ingest.retention"
INTERNAL_FAULT = "We could not read this export because of a fault on our side; it has been logged for us to fix."


def upload_too_large_message(size: int) -> str:
    return too_large_message(size, settings.UPLOAD_MAX_BYTES)


def stored_bytes(owner, *, excluding: str | None = None) -> int:
    """What ``owner`` keeps with us on disk, over all sources but the ``excluding`` platform's."""
    return sum(s.stored_bytes() for s in DataSource.objects.filter(owner=owner).exclude(platform=excluding))


@transaction.atomic
def source_store(*, owner, platform: str, uploaded_file: UploadedFile | None = None, handle: str | None = None) -> DataSource:
    """Store an uploaded export, or a Twitter handle, as ``owner``'s source for ``platform``.

    An existing source for that platform is replaced: its row and every file it kept are
    deleted first, so the applicant's score is always computed from what they gave last.
    The file is streamed to disk while its size and SHA-256 are computed; it never sits in
    memory. What can be refused without inflating anything (not a zip, unsafe members,
    limits, the wrong platform) is refused here, and the source is stored as ``refused``
    with its one-line ``error``; otherwise ``source_stored`` is sent once the transaction
    commits. An upload that would take the owner past ``UPLOAD_QUOTA_BYTES`` (the source it
    replaces not counted) raises ``ArchiveRefused`` before anything stored is touched.
    """
    if platform not in Platform.values:
        raise ValueError(f"unknown platform {platform!r}")
    if (uploaded_file is None) == (handle is None):
        raise ValueError("give exactly one of uploaded_file and handle")
    if handle is not None and platform != Platform.TWITTER:
        raise ValueError("only X/Twitter sources can be fetched by handle")
    if uploaded_file is not None and uploaded_file.size and uploaded_file.size > settings.UPLOAD_MAX_BYTES:
        raise ArchiveRefused(upload_too_large_message(uploaded_file.size))
    if uploaded_file is not None:
        used = stored_bytes(owner, excluding=platform)
        refusal = quota_refusal(used=used, incoming=uploaded_file.size or 0, quota=settings.UPLOAD_QUOTA_BYTES)
        if refusal:
            raise ArchiveRefused(refusal)

    for old in DataSource.objects.select_for_update().filter(owner=owner, platform=platform):
        source_delete(old)

    if handle is not None:
        source = DataSource.objects.create(
            owner=owner, platform=platform, kind=DataSource.Kind.API, handle=normalize_handle(handle)
        )
    else:
        source = DataSource.objects.create(
            owner=owner, platform=platform, kind=DataSource.Kind.ARCHIVE, original_name=(uploaded_file.name or "")[:255]
        )
        _write_archive(source, uploaded_file)
        try:
            check_export(platform, source.archive.path, ArchiveLimits.from_settings())
        except ArchiveRefused as exc:
            # Refused at once, while the applicant waits; there is nothing for later stages,
            # and a refused archive is not kept.
            return _refuse(source, str(exc))
    transaction.on_commit(lambda: source_stored.send(sender=DataSource, source=source))
    return source


def twitter_handles_available() -> bool:
    """Whether pages may offer "give your X handle": only with an API token on this server."""
    return bool(settings.TWITTER_BEARER_TOKEN)


def twitter_handle_store(*, owner, handle: str) -> DataSource:
    """Store ``handle`` as ``owner``'s X/Twitter source; the pipeline's job fetches it.

    Refused up front (``TwitterUnavailable``) when the server has no API token, rather than
    storing a source that can only fail.
    """
    require_token(settings.TWITTER_BEARER_TOKEN)
    return source_store(owner=owner, platform=Platform.TWITTER, handle=handle)


def source_claim(source: DataSource, *, retake: bool = False) -> bool:
    """Take ``source`` for parsing; ``False`` when another task is reading it right now.

    A source is free when it was received and not read yet, or when the parse that took it
    has run past any task's time limit (its worker is gone). ``retake`` is for a redelivery
    of the very task that took it before its worker died. A conditional UPDATE, so two
    tasks handed the same source (a message published again) cannot both read it.
    """
    now = timezone.now()
    free = Q(status=DataSource.Status.RECEIVED) | Q(
        status=DataSource.Status.PARSING, updated_at__lt=now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    )
    if retake:
        free |= Q(status=DataSource.Status.PARSING)
    return bool(DataSource.objects.filter(free, pk=source.pk).update(status=DataSource.Status.PARSING, updated_at=now))


def source_refuse(source: DataSource, reason: str) -> DataSource:
    """Refuse ``source`` with ``reason``, keeping its file: the pipeline gave up reading it."""
    return _finish(source, DataSource.Status.REFUSED, error=reason)


def _write_archive(source: DataSource, uploaded_file: UploadedFile) -> None:
    relative = archive_upload_to(source, uploaded_file.name or "archive.zip")
    target = source.files_dir / "archive.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    try:
        with target.open("wb") as out:
            for chunk in uploaded_file.chunks():
                size += len(chunk)
                if size > settings.UPLOAD_MAX_BYTES:
                    raise ArchiveRefused(upload_too_large_message(size))
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        source.delete_files()
        raise
    source.archive.name = relative
    source.size = size
    source.sha256 = digest.hexdigest()
    source.save(update_fields=["archive", "size", "sha256", "updated_at"])


def source_parse(source: DataSource) -> DataSource:
    """Read a stored source into its normalized profile.

    Ends as ``parsed`` (profile set, raw archive deleted unless ``KEEP_RAW_ARCHIVES``,
    images kept in the source's ``media`` folder until the analysis is done) or ``refused``
    with a one-line ``error``: a refused archive is deleted at once, while after a fault of
    ours it is kept, so nothing the applicant sent is lost to our bug.
    """
    source.status = DataSource.Status.PARSING
    source.save(update_fields=["status", "updated_at"])
    media_dir = source.files_dir / "media"
    shutil.rmtree(media_dir, ignore_errors=True)
    try:
        if source.kind == DataSource.Kind.API:
            profile = fetch_profile(source.handle, settings.TWITTER_BEARER_TOKEN)
        else:
            if not source.archive or not source.files_dir.joinpath("archive.zip").exists():
                raise ArchiveRefused("The uploaded file is no longer stored; upload the export again.")
            limits = ArchiveLimits.from_settings()
            path = source.archive.path
            profile = parse_export(source.platform, path, limits)
            store_images(path, profile, media_dir, limits, max_total_bytes=_image_budget(source))
    except (ArchiveRefused, TwitterUnavailable) as exc:
        return _refuse(source, str(exc))
    except Exception:
        logger.exception("parsing source %s (%s) failed", source.pk, source.platform)
        shutil.rmtree(media_dir, ignore_errors=True)
        return _finish(source, DataSource.Status.REFUSED, error=INTERNAL_FAULT)
    if source.archive and not settings.KEEP_RAW_ARCHIVES:
        source.files_dir.joinpath("archive.zip").unlink(missing_ok=True)
        source.archive.name = ""
    return _finish(source, DataSource.Status.PARSED, profile=profile.document())


def _image_budget(source: DataSource) -> int:
    """The bytes of images the quota leaves for this source: its archive counts only if it
    is kept after parsing."""
    kept_archive = source.size if settings.KEEP_RAW_ARCHIVES else 0
    return settings.UPLOAD_QUOTA_BYTES - stored_bytes(source.owner, excluding=source.platform) - kept_archive


def _finish(source: DataSource, status: str, *, error: str = "", profile: dict | None = None) -> DataSource:
    source.status = status
    source.error = " ".join(error.split())[:300]
    source.profile = profile
    source.parsed_at = timezone.now() if status == DataSource.Status.PARSED else None
    source.save(update_fields=["status", "error", "profile", "parsed_at", "archive", "updated_at"])
    return source


def _refuse(source: DataSource, error: str) -> DataSource:
    source.delete_files()
    source.archive.name = ""
    return _finish(source, DataSource.Status.REFUSED, error=error)


def _digest(words: str) -> str:
    return salted_hmac(FINGERPRINT_SALT, words).hexdigest()[:20]


def fingerprinted(profile: dict) -> dict:
    """``profile`` as it is kept once analysed: texts fingerprinted, no stored photos."""
    return strip_profile(profile, _digest)


def source_analysed(*, source_id: int, analysis: dict, drop_texts: bool) -> None:
    """Keep what the models found in a source; when ``drop_texts``, drop its post and comment
    texts and its photos (and any archive kept), keeping what rescoring needs (ingest.retention).

    By id and by UPDATE: a source replaced or deleted meanwhile is left alone, not re-created.
    """
    source = DataSource.objects.filter(pk=source_id, status=DataSource.Status.PARSED).first()
    if source is None:
        return
    if not drop_texts:
        DataSource.objects.filter(pk=source_id).update(analysis=analysis)
        return
    DataSource.objects.filter(pk=source_id).update(
        analysis=analysis, profile=fingerprinted(source.profile), texts_dropped_at=timezone.now(), archive=""
    )
    source.delete_files()


def source_delete(source: DataSource) -> None:
    """Delete a source: its files first, then its row."""
    source.delete_files()
    source.delete()
