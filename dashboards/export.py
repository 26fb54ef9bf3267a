"""Download my data: one zip of everything CredSly holds about an applicant (GDPR Art. 15 and
20, PIPL Art. 45), as JSON for machines and an HTML summary for people.

``gather`` reads the rows (every store ``dashboards.services`` erases, so what can be deleted
can also be seen); ``write_archive`` is the pure part that packs a document and its summary.
The API token's key and the password hash are credentials, not data about the person: the
archive says that they exist, not what they are.
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from express.models import ExpressSubject
from ingest.models import DataSource
from lending.selectors import access_log, own_applications
from pipeline.models import ScoringJob
from scoring.models import FeatureVector, ScoreResult

from .services import source_dirs

JSON_NAME = "credsly-data.json"
HTML_NAME = "credsly-data.html"
FILENAME = "credsly-my-data.zip"


def _rows(queryset, *fields: str) -> list[dict[str, Any]]:
    return list(queryset.values(*fields))


def _account(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "api_token": "exists (its key is a password and is not exported)" if hasattr(user, "auth_token") else None,
    }


def _stored_files(user: User) -> list[dict[str, Any]]:
    """The files kept on disk for the applicant's sources, by name and size (they are copies
    of what the applicant uploaded)."""
    root = Path(settings.MEDIA_ROOT)
    return [
        {"path": str(path.relative_to(root)), "bytes": path.stat().st_size}
        for folder in sorted(source_dirs(user))
        if folder.exists()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]


def _jobs(user: User) -> list[dict[str, Any]]:
    jobs = []
    for job in ScoringJob.objects.filter(owner=user).prefetch_related("chunks").order_by("created_at", "pk"):
        jobs.append({
            "id": job.pk, "state": job.state, "error": job.error, "created_at": job.created_at,
            "finished_at": job.finished_at, "analysis": job.analysis,
            "chunks": [{"chunk": c.chunk_id, "kind": c.kind, "items": c.items, "result": c.result}
                       for c in job.chunks.all()],
        })
    return jobs


def _express(user: User) -> list[dict[str, Any]]:
    subjects = ExpressSubject.objects.filter(user=user).prefetch_related("scores")
    return [
        {"name": s.name, "identity": s.identity, "type": s.user_type, "type_reason": s.type_reason,
         "scores": [{"as_of": e.as_of, "score": e.score, "band": e.band, "trend": e.trend, "reasons": e.reasons,
                     "regions": e.regions, "values": e.values} for e in s.scores.all()]}
        for s in subjects
    ]


def gather(user: User) -> dict[str, Any]:
    """Everything held about ``user``, as plain data."""
    name = {"username__iexact": user.username}
    return {
        "exported_at": timezone.now(),
        "account": _account(user),
        "sources": _rows(DataSource.objects.filter(owner=user), "platform", "kind", "handle", "status", "error",
                         "original_name", "size", "sha256", "created_at", "parsed_at", "profile"),
        "stored_files": _stored_files(user),
        "jobs": _jobs(user),
        "feature_vector": _rows(FeatureVector.objects.filter(owner=user), "features", "as_of", "updated_at"),
        "scores": _rows(ScoreResult.objects.filter(owner=user).order_by("created_at", "pk"), "method", "score",
                        "max_score", "normalized", "band", "eligible", "unscorable", "flags", "contributions",
                        "missing", "reasons", "detail", "config_version", "created_at"),
        "applications": [
            {"organisation": a.organisation.name, "purpose": a.purpose, "sources": a.sources, "methods": a.methods,
             "consent_version": a.consent_version, "consented_at": a.consented_at, "withdrawn_at": a.withdrawn_at}
            for a in own_applications(user)
        ],
        "access_log": [
            {"at": e.at, "organisation": e.organisation.name if e.organisation else "CredSly administrator",
             "channel": e.channel, "what": e.what}
            for e in access_log(user)
        ],
        "express_delivery": _express(user),
        "logins": _rows(AccessLog.objects.filter(**name), "attempt_time", "logout_time", "ip_address", "user_agent"),
        "failed_logins": _rows(AccessAttempt.objects.filter(**name), "attempt_time", "failures_since_start",
                               "ip_address", "user_agent")
        + _rows(AccessFailureLog.objects.filter(**name), "attempt_time", "ip_address", "user_agent"),
    }


def write_archive(document: dict[str, Any], summary_html: str, out: IO[bytes]) -> None:
    """Pack ``document`` (as JSON) and its readable summary into the zip ``out``."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        archive.writestr(HTML_NAME, summary_html)


def summary(document: dict[str, Any]) -> str:
    return render_to_string("dashboards/export_summary.html", {"doc": document, "json_name": JSON_NAME})


# Archives up to this size stay in memory; larger ones spill to a temporary file.
IN_MEMORY_BYTES = 16 * 1024 * 1024


def archive_file(user: User) -> IO[bytes]:
    """The archive of ``user``'s data, rewound, ready to stream."""
    document = gather(user)
    out = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115 - the response closes it
    write_archive(document, summary(document), out)
    out.seek(0)
    return out
