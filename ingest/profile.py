"""The normalized profile of profile-schema.md as one type: ``Profile``.

Every parser builds one (``ingest.parsers.base.ProfileBuilder.build``), every reader reads
one (``read_profile``) or the plain document it validates (``read_documents``), and a
document of the wrong shape is refused with ``ProfileInvalid``, one line naming the field:
``posts.3.text: expected a string``.

Why pydantic (v2) rather than dataclasses: the profile arrives as decoded JSON (from the
database, a Celery message, a file), and pydantic validates such nested data in one pass in
compiled code, every error carrying the exact path of the field; dataclasses would need a
hand-written walker over every nested list to say as much. It is the habit STYLE.md points
to (healthchecks validates its JSON configuration with pydantic models).

``null`` means "this export does not tell us", ``[]`` or ``0`` "it tells us, and the answer is
none". Which fields a platform can tell at all is declared by its parser (``TELLS`` in each
module of ``ingest.parsers``, paths of ``TELLABLE``); this type only checks shapes, so
documents stored before a field was declared untold still load.

Absent keys read as ``null`` and stay absent when the document is written back
(``Profile.document``), so a document round-trips unchanged. Fields beyond the schema's own
are declared here too (Weibo's post fields and ``weibo`` block, the ``stored`` name
``ingest.media`` gives a kept image); any other key is refused, so a misspelt one cannot pass.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

SCHEMA_VERSION = 1
Platform = Literal["facebook", "linkedin", "instagram", "twitter", "weibo"]
PLATFORM_NAMES: tuple[str, ...] = get_args(Platform)


def _moment(value: str) -> str:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("expected an ISO-8601 date and time") from None
    return value


def _day(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date as YYYY-MM-DD") from None
    return value


def _month(value: str) -> str:
    try:
        datetime.strptime(value, "%Y-%m")
    except ValueError:
        raise ValueError("expected a month as YYYY-MM") from None
    return value


Text = StrictStr
Count = Annotated[StrictInt, Field(ge=0)]
Moment = Annotated[StrictStr, AfterValidator(_moment)]
Day = Annotated[StrictStr, AfterValidator(_day)]
Month = Annotated[StrictStr, AfterValidator(_month)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Part):
    kind: Literal["archive", "api"]
    layout: Text


class School(_Part):
    school: Text
    degree: Text | None = None
    graduated: StrictBool | None = None


class Position(_Part):
    company: Text
    title: Text | None = None
    started_on: Month | None = None
    ended_on: Month | None = None


class Person(_Part):
    name: Text | None = None
    emails: list[Text] | None = None
    birth_date: Day | None = None
    gender: Text | None = None
    location: Text | None = None
    bio: Text | None = None
    registered_at: Moment | None = None
    verified: StrictBool | None = None
    education: list[School] | None = None
    positions: list[Position] | None = None
    skills: list[Text] | None = None


class Counts(_Part):
    friends: Count | None = None
    followers: Count | None = None
    following: Count | None = None
    connections: Count | None = None
    friend_requests_received: Count | None = None
    invitations_received: Count | None = None
    reactions_given: Count | None = None


class Post(_Part):
    text: Text
    created_at: Moment | None = None
    likes: Count | None = None
    shares: Count | None = None
    # Weibo's additions (ingest.parsers.weibo): a repost or one's own, the comments under
    # it, how many pictures it has, the client it was posted with.
    repost: StrictBool | None = None
    comment_count: Count | None = None
    pictures: Count | None = None
    tool: Text | None = None


class Comment(_Part):
    text: Text
    created_at: Moment | None = None


class Media(_Part):
    path: Text
    kind: Literal["image", "video"]
    created_at: Moment | None = None
    # The file name ingest.media gave the copy it kept for analysis.
    stored: Text | None = None


class WeiboFacts(_Part):
    """The account facts of the Weibo paper's indices that other platforms lack (see
    ``ingest.parsers.weibo`` for where each comes from)."""

    level: StrictInt | None = None
    membership_level: StrictInt | None = None
    verified_type: StrictInt | None = None
    verified_reason: Text | None = None
    sunshine_credit: Text | None = None
    sunshine_credit_rank: Annotated[StrictInt, Field(ge=1, le=5)] | None = None
    medals: list[Text] | None = None
    statuses: Count | None = None
    default_avatar: StrictBool | None = None
    originals_only: StrictBool | None = None


class Profile(_Part):
    schema_version: Literal[1] = SCHEMA_VERSION
    platform: Platform
    source: Source | None = None
    profile: Person = Field(default_factory=Person)
    counts: Counts = Field(default_factory=Counts)
    posts: list[Post] | None = None
    comments: list[Comment] | None = None
    groups: list[Text] | None = None
    pages: list[Text] | None = None
    media: list[Media] | None = None
    warnings: list[Text] = Field(default_factory=list)
    weibo: WeiboFacts | None = None

    def document(self) -> dict[str, Any]:
        """The JSON document, with exactly the keys it was read or built with."""
        return self.model_dump(exclude_unset=True)


#: Every field a platform's export may or may not tell, as a path into the document; a
#: parser declares the ones its platform tells (``TELLS``) and leaves the others null.
TELLABLE: tuple[str, ...] = (
    *(f"profile.{name}" for name in Person.model_fields),
    *(f"counts.{name}" for name in Counts.model_fields),
    "posts", "comments", "groups", "pages", "media", "weibo",
)
#: The fields of ``TELLABLE`` that are lists: ``[]`` once told, ``null`` before.
LISTS: frozenset[str] = frozenset(
    {"profile.emails", "profile.education", "profile.positions", "profile.skills", "posts", "comments", "groups", "pages", "media"}
)


class ProfileInvalid(ValueError):
    """A document that is not a normalized profile; ``str()`` is one line naming the field."""


def read_profile(document: Any) -> Profile:
    """``document`` as a ``Profile``; ``ProfileInvalid`` when its shape is wrong."""
    try:
        return Profile.model_validate(document)
    except ValidationError as exc:
        raise ProfileInvalid(describe(exc)) from None


def read_documents(documents: Iterable[Any]) -> list[dict[str, Any]]:
    """The documents themselves, once ``Profile`` has accepted each: for the readers that
    work on plain data (scoring's cores). A document the type accepts is exactly what it
    would write back, so the originals are returned rather than copies."""
    documents = list(documents)
    for document in documents:
        read_profile(document)
    return documents


_EXPECTED = {
    "string_type": "expected a string",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "dict_type": "expected an object",
    "missing": "required",
    "extra_forbidden": "not a field of the normalized profile",
}


def describe(exc: ValidationError) -> str:
    """The first problem of ``exc`` in one line: ``posts.3.text: expected a string``."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "the profile"
    context = first.get("ctx") or {}
    kind = first["type"]
    if kind in _EXPECTED:
        what = _EXPECTED[kind]
    elif kind == "literal_error":
        what = f"expected {context['expected']}"
    elif kind == "value_error":
        what = str(context.get("error") or first["msg"])
    elif kind in ("greater_than_equal", "less_than_equal"):
        what = f"expected {'at least' if 'ge' in context else 'at most'} {context.get('ge', context.get('le'))}"
    else:
        what = first["msg"][:1].lower() + first["msg"][1:]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {what}{more}"
