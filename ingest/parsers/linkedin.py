"""LinkedIn data exports: a zip of CSV files.

Read: ``Profile.csv``, ``Connections.csv`` (which starts with "Notes:" lines before its
header), ``Skills.csv``, ``Invitations.csv`` (INCOMING and OUTGOING rows),
``Email Addresses.csv``, ``Positions.csv``, ``Education.csv``, ``Shares.csv``,
``Comments.csv`` and ``Company Follows.csv``. Any of them may be missing, and columns may
be missing or reordered; what is missing stays "not told" with a warning.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from ..archive import SafeArchive
from ..profile import Profile
from .base import MAX_ITEMS, CsvTable, ProfileBuilder, clean_text, parse_datetime, read_csv

PLATFORM = "linkedin"
LABEL = "LinkedIn"
MARKERS = ("Connections.csv", "Profile.csv", "Skills.csv", "Invitations.csv", "Positions.csv", "Email Addresses.csv")

# What a LinkedIn export tells, as this parser reads it (paths of ingest.profile.TELLABLE):
# no gender, no followers or friends (connections are LinkedIn's count), and neither its
# Groups.csv nor its Registration.csv nor its Reactions.csv is read. Its media are links,
# not files.
TELLS = frozenset(
    {
        "profile.name", "profile.emails", "profile.birth_date", "profile.location", "profile.bio",
        "profile.education", "profile.positions", "profile.skills",
        "counts.connections", "counts.invitations_received",
        "posts", "comments", "pages",
    }
)

_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%d %b %Y",
    "%b %d, %Y",
    "%m/%d/%y",
)
_MONTH_FORMATS = ("%b %Y", "%B %Y", "%Y-%m", "%m/%Y", "%Y")


def parse(archive: SafeArchive) -> Profile:
    out = ProfileBuilder(PLATFORM, "archive", "linkedin-csv", TELLS)
    _profile(archive, out)
    _emails(archive, out)
    _connections(archive, out)
    _invitations(archive, out)
    _skills(archive, out)
    _positions(archive, out)
    _education(archive, out)
    _shares(archive, out)
    _comments(archive, out)
    _company_follows(archive, out)
    return out.build()


def _rows(archive: SafeArchive, out: ProfileBuilder, basename: str, header_starts: str, what: str) -> CsvTable | None:
    name = archive.find(basename)
    if name is None:
        out.warn(f"{basename} is missing: {what} unknown.")
        return None
    return read_csv(archive, name, out, header_starts)


def _month(value: str | None) -> str | None:
    if not value:
        return None
    for fmt in _MONTH_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).strftime("%Y-%m" if fmt != "%Y" else "%Y-01")
        except ValueError:
            continue
    return None


def _birth_date(value: str, out: ProfileBuilder) -> str | None:
    for fmt in ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    out.warn(f"The birth date '{value}' has no year or cannot be read, so it was left out.")
    return None


def _profile(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Profile.csv", "First Name", "name, birth date and location are")
    row = next(iter(rows), None) if rows is not None else None
    if row is None:
        return
    me = out.profile
    name = " ".join(p for p in (row.get("First Name"), row.get("Last Name")) if p)
    me["name"] = name or None
    if row.get("Birth Date"):
        me["birth_date"] = _birth_date(row["Birth Date"], out)
    me["location"] = clean_text(row.get("Geo Location")) or clean_text(row.get("Address"))
    me["bio"] = clean_text(row.get("Summary")) or clean_text(row.get("Headline"))


def _emails(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("Email Addresses.csv")
    if name is None:
        return  # not every export has it, and then the e-mails are not told
    rows = read_csv(archive, name, out, "Email Address")
    if rows is None:
        return
    out.tell("profile.emails")
    for row in rows:
        out.add_email(row.get("Email Address"))


def _connections(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Connections.csv", "First Name", "the number of connections is")
    if rows is not None:
        out.counts["connections"] = sum(1 for r in rows if r.get("First Name") or r.get("Last Name") or r.get("URL"))


def _invitations(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Invitations.csv", "From", "invitations received are")
    if rows is None:
        return
    if "Direction" not in rows.fieldnames:
        out.warn("Invitations.csv has no Direction column: invitations received are unknown.")
        return
    out.counts["invitations_received"] = sum(1 for r in rows if r.get("Direction", "").upper() == "INCOMING")


def _skills(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Skills.csv", "Name", "skills are")
    if rows is None:
        return
    out.tell("profile.skills")
    for row in rows:
        skill = clean_text(row.get("Name"))
        if skill and skill not in out.profile["skills"] and len(out.profile["skills"]) < MAX_ITEMS:
            out.profile["skills"].append(skill)


def _positions(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Positions.csv", "Company Name", "positions are")
    if rows is None:
        return
    out.tell("profile.positions")
    for row in rows:
        if len(out.profile["positions"]) >= MAX_ITEMS:
            break
        company = clean_text(row.get("Company Name"))
        if not company:
            out.warn("A position without a company name was skipped.")
            continue
        out.profile["positions"].append(
            {
                "company": company,
                "title": clean_text(row.get("Title")),
                "started_on": _month(row.get("Started On")),
                "ended_on": _month(row.get("Finished On")),
            }
        )


def _education(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Education.csv", "School Name", "education is")
    if rows is None:
        return
    out.tell("profile.education")
    today = datetime.now().strftime("%Y-%m")
    for row in rows:
        if len(out.profile["education"]) >= MAX_ITEMS:
            break
        school = clean_text(row.get("School Name"))
        if not school:
            out.warn("An education entry without a school name was skipped.")
            continue
        ended = _month(row.get("End Date"))
        out.profile["education"].append(
            {
                "school": school,
                "degree": clean_text(row.get("Degree Name")),
                # LinkedIn says nothing about graduating; an end date in the past is the
                # closest it comes, and no end date means we are not told.
                "graduated": (ended <= today) if ended else None,
            }
        )


def _shares(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Shares.csv", "Date", "posts (shares) are")
    if rows is None:
        return
    out.tell("posts")
    for index, row in enumerate(rows, start=1):
        text = clean_text(row.get("ShareCommentary"))
        if text is None:
            continue  # a re-share without words of one's own
        created = parse_datetime(row.get("Date"), _DATETIME_FORMATS)
        if created is None and row.get("Date"):
            out.warn(f"Shares.csv: row {index} has an unreadable date.")
        out.add_post(text, created)


def _comments(archive: SafeArchive, out: ProfileBuilder) -> None:
    rows = _rows(archive, out, "Comments.csv", "Date", "comments are")
    if rows is None:
        return
    out.tell("comments")
    for index, row in enumerate(rows, start=1):
        text = clean_text(row.get("Message"))
        if text is None:
            out.warn(f"Comments.csv: row {index} has no message and was skipped.")
            continue
        out.add_comment(text, parse_datetime(row.get("Date"), _DATETIME_FORMATS))


def _company_follows(archive: SafeArchive, out: ProfileBuilder) -> None:
    name = archive.find("Company Follows.csv")
    if name is None:
        return  # not every export has it, and then the pages followed are not told
    rows = read_csv(archive, name, out, "Organization")
    if rows is None:
        return
    out.tell("pages")
    for row in rows:
        out.add_name("pages", row.get("Organization"))

