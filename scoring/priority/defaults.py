"""The default scoring configuration, from the seed and issues 5 and 13.

Priorities: one = age, connections, positive and negative posts, negative images; two =
negative pages, positive and negative comments, negative groups; three = skills,
invitations, likes (and education and interaction frequency, which the issue leaves
unassigned). Weights 100 / 80 / 50. Connections saturate at 80,000 (on a log scale, so that
a few hundred friends are not worth nothing); skills at 25.

Age is switched off: the curves are set by judgement, not derived from repayments, and such
a system may not score age (``scoring.priority.lawful``). Its curve is the lawful tent
18 / 35 with no upper limit, so switching it on cannot score older applicants down; under
18 an applicant is ineligible either way. (The seed's tent 18 / 35 / 65, which fell after
35 and refused everyone over 65, was version 1.)

The ratio curves stop short of 1 on purpose: half of one's posts being negative already
loses every point of that feature, and 80 % positive earns them all.

Data migrations write literal copies of these values (migrations must not depend on code
that changes): ``0005_default_config`` the seed's version 1, ``0013_lawful_age`` the age
above; ``tests/scoring/test_services.py`` checks that the migrated configuration and this one
agree.
"""
from __future__ import annotations

from .engine import Config, Spec

WEIGHTS = {1: 100.0, 2: 80.0, 3: 50.0}
MIN_FEATURES = 4

SPECS: dict[str, dict] = {
    "age": {"priority": 1, "kind": "tent", "params": {"low": 18, "peak": 35, "floor": 0.0}, "enabled": False},
    "connections": {"priority": 1, "kind": "saturating", "params": {"cap": 80000, "shape": "log"}},
    "positive_posts": {"priority": 1, "kind": "reward", "params": {"low": 0.0, "high": 0.8}},
    "negative_posts": {"priority": 1, "kind": "penalty", "params": {"low": 0.0, "high": 0.5}},
    "negative_images": {"priority": 1, "kind": "penalty", "params": {"low": 0.0, "high": 0.2}},
    "negative_pages": {"priority": 2, "kind": "penalty", "params": {"low": 0.0, "high": 0.2}},
    "positive_comments": {"priority": 2, "kind": "reward", "params": {"low": 0.0, "high": 0.8}},
    "negative_comments": {"priority": 2, "kind": "penalty", "params": {"low": 0.0, "high": 0.5}},
    "negative_groups": {"priority": 2, "kind": "penalty", "params": {"low": 0.0, "high": 0.2}},
    "skills": {"priority": 3, "kind": "saturating", "params": {"cap": 25, "shape": "linear"}},
    "invitations": {"priority": 3, "kind": "reward", "params": {"low": 0.0, "high": 0.5}},
    "likes_per_post": {"priority": 3, "kind": "reward", "params": {"low": 0.0, "high": 50.0}},
    "education": {"priority": 3, "kind": "saturating", "params": {"cap": 3, "shape": "linear"}},
    "interaction_frequency": {"priority": 3, "kind": "saturating", "params": {"cap": 5, "shape": "linear"}},
}


def default_config(version: int | None = 1) -> Config:
    return Config(
        version=version,
        weights=dict(WEIGHTS),
        specs={name: Spec(**spec) for name, spec in SPECS.items()},
        min_features=MIN_FEATURES,
    )
