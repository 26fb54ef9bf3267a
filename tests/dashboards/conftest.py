"""Score and source rows for the dashboard tests: the real models, filled as the scoring
engine and ingest fill them; and a person's whole file, in every store that holds one."""
from datetime import date, timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from express.models import ExpressScore, ExpressSubject
from ingest.models import DataSource
from lending.services import access_record
from pipeline.models import JobChunk, ScoringJob
from scoring import bands
from scoring.models import FeatureVector, ScoreResult
from scoring.reasons import Reason
from tests.conftest import apply, client_for

def reason(text: str, points_lost: float | None = 10.0, method: str = "priority") -> dict:
    code = "_".join(text.lower().split()[:3])
    return Reason(method, text, feature=code, code=code, points_lost=points_lost).as_dict()


def score_for(owner, level=62.0, *, method="priority", version=1, days_ago=0, **fields) -> ScoreResult:
    """A ScoreResult at ``level`` (0-100) shaped as the scoring engine stores it: two
    features, 100 + 80 points possible; ``fields`` override anything (``normalized=None``
    for no score, ``reasons=[...]`` as sentences or as stored reasons)."""
    weights = {"connections": 100.0, "positive_post_ratio": 80.0}
    output = level / 100
    contributions = {
        name: {"value": value, "sources": sources, "curve": "linear_reward", "output": output, "priority": 1,
               "weight": weight, "points": output * weight, "possible": weight}
        for (name, weight), value, sources in zip(weights.items(), (350, 0.4), (["facebook", "linkedin"], ["facebook"]))
    }
    values = {
        "method": method,
        "config_version": version,
        "score": sum(c["points"] for c in contributions.values()),
        "max_score": sum(weights.values()),
        "normalized": level,
        "band": bands.band_of(level),
        "contributions": contributions,
        "missing": ["skills_count"],
        "reasons": [reason("Few connections across your accounts", 29.6), reason("Few posts with positive sentiment", 12)],
    }
    values.update(fields)
    values["reasons"] = [reason(r, method=method) if isinstance(r, str) else r for r in values["reasons"]]
    result = ScoreResult.objects.create(owner=owner, **values)
    if days_ago:
        ScoreResult.objects.filter(pk=result.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
        result.refresh_from_db()
    return result


def fuzzy_for(owner, level=58.0, *, e0=(0.05, 0.35, 0.4, 0.15, 0.05), version=1, **fields) -> ScoreResult:
    """A ScoreResult shaped as the AHP + fuzzy method stores it: leaf indices with 0-100
    scores and global weights, E0 grade memberships in ``detail``, reasons with no points."""
    indices = {
        "A11": ("Completeness of personal information", 80.0, 0.12, "6 of 8 profile fields filled"),
        "B11": ("Recency of last activity", 35.0, 0.30, "last post 237 days ago"),
        "C11": ("Number of friends", 62.0, 0.20, "420 friends and connections"),
        "C23": ("Rank in groups", None, 0.0, "no export gives it"),
    }
    contributions = {
        code: {"name": name, "score": score, "sources": ["facebook"] if score is not None else [], "evidence": evidence,
               "rule": "", "global_weight": weight}
        for code, (name, score, weight, evidence) in indices.items()
    }
    values = {
        "method": "fuzzy",
        "config_version": version,
        "score": level,
        "max_score": 100.0,
        "normalized": level,
        "band": bands.band_of(level),
        "contributions": contributions,
        "missing": ["C23"],
        "reasons": [Reason("fuzzy", "Recency of last activity: last post 237 days ago (35 of 100)", feature="B11").as_dict()],
        "detail": {"E0": list(e0), "grades": list(bands.KEYS)},
    }
    values.update(fields)
    return ScoreResult.objects.create(owner=owner, **values)


def source_with_files(owner, platform="facebook", **fields) -> DataSource:
    """A parsed source with an archive and a stored media file on disk, as ingest leaves it."""
    source = DataSource.objects.create(
        owner=owner,
        platform=platform,
        status=DataSource.Status.PARSED,
        profile={"posts": [{"text": "hello", "created_at": "2026-03-01T10:00:00Z"}], "comments": [], "media": []},
        **fields,
    )
    (source.files_dir / "media").mkdir(parents=True, exist_ok=True)
    (source.files_dir / "archive.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (source.files_dir / "media" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return source


@pytest.fixture
def shared(alice, north):
    """alice applied to North Bank (carol's organisation), sharing the scores of every method."""
    apply(alice, north, methods=["priority", "fuzzy", "express"])
    return alice


@pytest.fixture
def running_job(alice):
    return ScoringJob.objects.create(owner=alice, state=ScoringJob.State.ANALYSING, chunks_done=1, chunks_total=4)


@pytest.fixture
def own_media(settings, tmp_path):
    """A media folder of the test's own, so what a test scans is what it wrote."""
    settings.MEDIA_ROOT = tmp_path / "media"


def marker(person) -> str:
    return f"secret-of-{person.username}"


def fill_file(person, organisation, viewer) -> None:
    """A row in every table that links to a person, and files on disk, each carrying the
    person's marker where the table has room for text."""
    secret = marker(person)
    for platform in ("facebook", "linkedin"):
        source = source_with_files(person, platform, original_name=f"{secret}.zip")
        source.profile["posts"].append({"text": secret})
        source.save()
        (source.files_dir / "media" / "photo.jpg").write_text(secret)
    orphan = Path(settings.MEDIA_ROOT) / "sources" / f"{person.pk}-instagram"  # an interrupted upload
    orphan.mkdir(parents=True)
    (orphan / "archive.zip").write_text(secret)
    job = ScoringJob.objects.create(owner=person, state=ScoringJob.State.DONE, analysis={"profanity": {"groups": [secret]}})
    JobChunk.objects.create(job=job, chunk_id="groups-0000", kind="groups", result={"profanity": {"groups": [secret]}})
    score_for(person, 55, reasons=[f"{secret} reason"])
    score_for(person, 40, method="express", detail={"subject": 1})
    FeatureVector.objects.create(owner=person, features={"note": {"value": None, "sources": [secret]}}, as_of=date.today())
    apply(person, organisation, f"{secret} loan", methods=["priority", "express"])
    access_record(viewer=viewer, applicant_ids=[person.pk], channel="page", what="applicant page")
    subject = ExpressSubject.objects.create(key=f"id-{person.pk}", name="a parcel subject", user_type="individual",
                                            user=person)
    ExpressScore.objects.create(subject=subject, model_version=1, as_of=date.today(), score=40.0)
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.create(username=person.username, ip_address="192.0.2.7", user_agent=secret,
                             attempt_time=timezone.now(), **({"failures_since_start": 1} if model is AccessAttempt else {}))
    Token.objects.create(user=person)
    client_for(person).get(reverse("dashboards:applicant"))  # a session in the database
