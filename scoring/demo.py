"""Synthetic applicants for ``make run``: plausible normalized profiles (profile-schema.md),
varied by a seeded random generator so the demo population spreads over every band.

Nothing here is anybody's data; the texts come from small fixed pools.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

POSITIVE = (
    "Great day with the team, proud of what we shipped!",
    "Thank you all for the lovely birthday wishes :)",
    "Finally finished the marathon. Happy and grateful.",
    "Love this city in spring, beautiful walk by the river.",
    "Excited to start my new job next week!",
)
NEGATIVE = (
    "Worst service ever, I am so angry and disappointed.",
    "Terrible day. Everything went wrong and I hate it.",
    "This is awful, I'm sick of these useless people.",
)
NEUTRAL = ("Moving to a new flat on Saturday.", "Reading a book about trains.", "Meeting at 10 tomorrow.")
GROUPS = ("Cycling Club", "Home Bakers", "Python Developers", "Gay Pride Parade Volunteers", "Neighbourhood Watch")
ROUGH_GROUPS = ("Damn Loud Bastards", "Shit Talkers United")
PAGES = ("City Library", "Local Farmers Market", "Open Source Weekly", "Sex Education (TV series)")
ROUGH_PAGES = ("Fucking Funny Fails",)
SCHOOLS = ("State University", "City College", "Technical Institute")
SKILLS = ("Python", "Accounting", "Project management", "Sales", "Teaching", "Data analysis", "Welding", "Design")


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


def demo_profiles(rng: random.Random, *, today: date) -> list[dict]:
    """One applicant's documents: always Facebook, LinkedIn for most."""
    now = datetime.combine(today, datetime.min.time(), tzinfo=timezone.utc)
    mood = rng.random()  # share of negative posts this person tends to write
    posts = []
    for i in range(rng.randint(10, 40)):
        pool = NEGATIVE if rng.random() < mood * 0.6 else rng.choice((POSITIVE, NEUTRAL))
        posts.append({"text": rng.choice(pool), "created_at": _iso(now - timedelta(days=3 * i + 1)),
                      "likes": rng.randint(0, 60), "shares": rng.randint(0, 5)})
    comments = [{"text": rng.choice(POSITIVE + NEUTRAL + NEGATIVE), "created_at": _iso(now - timedelta(days=2 * i + 1))}
                for i in range(rng.randint(5, 30))]
    groups = rng.sample(GROUPS, rng.randint(1, len(GROUPS))) + (rng.sample(ROUGH_GROUPS, 1) if mood > 0.7 else [])
    pages = rng.sample(PAGES, rng.randint(1, len(PAGES))) + (list(ROUGH_PAGES) if mood > 0.8 else [])
    birth = today.replace(year=today.year - rng.randint(20, 60)) - timedelta(days=rng.randint(0, 300))
    registered = now - timedelta(days=rng.randint(400, 4000))
    facebook = {
        "schema_version": 1, "platform": "facebook", "source": {"kind": "archive", "layout": "demo"},
        "profile": {"name": None, "emails": [], "birth_date": birth.isoformat(), "gender": None, "location": None,
                    "bio": None, "registered_at": _iso(registered), "verified": rng.random() > 0.3,
                    "education": [{"school": rng.choice(SCHOOLS), "degree": None, "graduated": rng.random() > 0.3}],
                    "positions": [], "skills": None},  # a Facebook export lists no skills: not told
        "counts": {"friends": rng.randint(20, 1500), "followers": rng.randint(0, 3000), "following": rng.randint(0, 500),
                   "connections": None, "friend_requests_received": rng.randint(0, 50), "invitations_received": None,
                   "reactions_given": rng.randint(0, 2000)},
        "posts": posts, "comments": comments, "groups": groups, "pages": pages, "media": [], "warnings": [],
    }
    documents = [facebook]
    if rng.random() < 0.8:
        connections = rng.randint(10, 3000)
        documents.append({
            "schema_version": 1, "platform": "linkedin", "source": {"kind": "archive", "layout": "demo"},
            "profile": {"name": None, "emails": [], "birth_date": None, "gender": None, "location": None, "bio": None,
                        "registered_at": _iso(registered - timedelta(days=rng.randint(0, 900))), "verified": None,
                        "education": [], "positions": [],
                        "skills": rng.sample(SKILLS, rng.randint(0, len(SKILLS)))},
            "counts": {"friends": None, "followers": None, "following": None, "connections": connections,
                       "friend_requests_received": None, "invitations_received": rng.randint(0, connections // 4 + 1),
                       "reactions_given": None},
            "posts": [{"text": rng.choice(POSITIVE + NEUTRAL), "created_at": _iso(now - timedelta(days=20 * i + 5)),
                       "likes": rng.randint(0, 100), "shares": None} for i in range(rng.randint(0, 6))],
            "comments": [], "groups": None, "pages": [], "media": None, "warnings": [],
        })
    return documents
