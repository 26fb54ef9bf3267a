"""Normalized profile documents and analysis documents built in code for the scoring tests,
in the shapes of profile-schema.md and CONTRACTS.md."""
from copy import deepcopy


def profile(platform: str, **overrides) -> dict:
    """A document in which nothing is known unless a test says so."""
    doc = {
        "schema_version": 1,
        "platform": platform,
        "source": {"kind": "archive", "layout": "test"},
        "profile": {"name": None, "emails": [], "birth_date": None, "gender": None, "location": None,
                    "bio": None, "registered_at": None, "verified": None, "education": None,
                    "positions": None, "skills": None},
        "counts": {k: None for k in ("friends", "followers", "following", "connections",
                                     "friend_requests_received", "invitations_received", "reactions_given")},
        "posts": None, "comments": None, "groups": None, "pages": None, "media": None, "warnings": [],
    }
    for key, value in overrides.items():
        if key in doc["profile"]:
            doc["profile"][key] = value
        elif key in doc["counts"]:
            doc["counts"][key] = value
        else:
            doc[key] = value
    return doc


def facebook(**overrides) -> dict:
    base = dict(
        birth_date="1990-06-15", registered_at="2010-01-01T00:00:00+00:00",
        education=[{"school": "Uni", "degree": "BSc", "graduated": True}],
        friends=400, followers=120, friend_requests_received=40, reactions_given=500,
        posts=[{"text": "a good day", "created_at": None, "likes": 10, "shares": 0},
               {"text": "so sad", "created_at": None, "likes": 2, "shares": 0}],
        comments=[{"text": "nice", "created_at": None}],
        groups=["Cooking", "Hikers", "Damn fools"], pages=["News", "Music"],
        media=[{"path": "photos/1.jpg", "kind": "image", "created_at": None}],
    )
    base.update(overrides)
    return profile("facebook", **base)


def linkedin(**overrides) -> dict:
    base = dict(
        registered_at="2012-05-01T00:00:00+00:00", connections=800, invitations_received=80,
        education=[{"school": "Uni", "degree": "MSc", "graduated": None}],
        skills=["Python", "Django", "SQL", "python"],
        posts=[{"text": "proud of the team", "created_at": None, "likes": 30, "shares": 1}],
    )
    base.update(overrides)
    return profile("linkedin", **base)


ANALYSIS = {
    "sentiment": {"posts": {"positive": 2, "negative": 1, "neutral": 0, "unsupported": 1},
                  "comments": {"positive": 1, "negative": 0, "neutral": 1, "unsupported": 0}},
    "images": {"analysed": 4, "explicit": 1, "skipped": 0, "labels": {"FEMALE_BREAST_EXPOSED": 1}},
    "profanity": {"groups": ["Damn fools"], "pages": [], "groups_total": 3, "pages_total": 2,
                  "posts": 0, "comments": 0},
}

EMPTY_ANALYSIS = {
    "sentiment": {"posts": {"positive": 0, "negative": 0, "neutral": 0, "unsupported": 0},
                  "comments": {"positive": 0, "negative": 0, "neutral": 0, "unsupported": 0}},
    "images": {"analysed": 0, "explicit": 0, "skipped": 0, "labels": {}},
    "profanity": {"groups": [], "pages": [], "groups_total": 0, "pages_total": 0, "posts": 0, "comments": 0},
}


def analysis(**changes) -> dict:
    doc = deepcopy(ANALYSIS)
    doc.update(changes)
    return doc
