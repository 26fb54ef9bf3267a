"""How a person could raise a score: counterfactuals computed by the scoring method itself.

Each method offers *levers*: changes a person can make to what their accounts show (fewer
negative posts, their skills listed, LinkedIn connected). A lever is tried on a copy of the
applicant's inputs and the copy is scored again by the method's own engine, as optbinning's
scorecard counterfactuals do; its effect is the new score minus the score as it stands. The
levers that raise the score most are offered, best first, at most ``MAX_ACTIONS``.

Only what a person can do: no lever may touch age or anything protected (``NEVER``, checked
here whatever a method offers), and the methods offer nothing that depends on what other
people do. The levers themselves live beside each engine (``scoring.priority.improvements``,
``scoring.fuzzy.improvements``). Pure: plain data in, plain data out.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

MAX_ACTIONS = 4
#: Effects smaller than this (points on 0-100) are noise, not advice.
MIN_EFFECT = 0.5
#: Inputs no action may ever change: age and the characteristics the law protects.
NEVER = frozenset({"age", "birth_date", "gender", "religion", "politics", "health", "ethnicity",
                   "relationship_status"})

Rescore = Callable[[Mapping[str, float]], "float | None"]


@dataclass(frozen=True)
class Lever:
    """One thing a person could do: the inputs it changes and the sentence that says so.

    ``action`` holds ``{effect}`` where the points it would gain go ("+5").
    """

    feature: str
    changes: Mapping[str, float]
    action: str


@dataclass(frozen=True)
class Improvement:
    action: str
    feature: str
    effect: float
    changes: Mapping[str, float]

    def as_dict(self) -> dict:
        """The shape of the contract (``score_profile``, the API): action, feature, effect."""
        return {"action": self.action, "feature": self.feature, "effect": self.effect}


def points(effect: float) -> str:
    """"+5" for whole points and more, "+0.7" below one, so a small effect is not "+1"."""
    return f"+{effect:.0f}" if effect >= 1 else f"+{effect:.1f}"


def protected(lever: Lever) -> bool:
    named = {part.strip() for part in lever.feature.split(",")}
    return bool((named | set(lever.changes)) & NEVER)


def best(levers: Iterable[Lever], *, score: float | None, rescore: Rescore,
         limit: int = MAX_ACTIONS) -> list[Improvement]:
    """The levers that raise ``score`` the most, rescored by ``rescore`` (changes -> new score).

    Nothing for an applicant without a score: there is nothing to raise, and the reasons say
    what is missing. A lever whose counterfactual has no score, or gains less than
    ``MIN_EFFECT``, is left out; ties go by feature name, so the same inputs always give the
    same advice.
    """
    if score is None:
        return []
    found = []
    for lever in levers:
        if protected(lever):
            continue
        new = rescore(lever.changes)
        if new is None:
            continue
        effect = round(new - score, 1)
        if effect >= MIN_EFFECT:
            found.append(Improvement(lever.action.format(effect=points(effect)), lever.feature, effect, lever.changes))
    found.sort(key=lambda i: (-i.effect, i.feature))
    return found[:limit]


def listing(nouns: Iterable[str], conjunction: str = "and") -> str:
    """"skills, education and invitations": each noun once, in order."""
    unique = list(dict.fromkeys(nouns))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + f" {conjunction} " + unique[-1]


def connect_levers(gaps: Mapping[str, tuple[str, ...]], labels: Mapping[str, str], nouns: Mapping[str, str],
                   best_values: Callable[[tuple[str, ...]], Mapping[str, float]]) -> list[Lever]:
    """One lever per set of missing inputs that connecting a platform would fill.

    ``gaps`` maps each platform not connected to the missing inputs it would fill; platforms
    that would fill the same ones are offered together ("Connect Instagram or X: ...").
    """
    platforms_by_gap: dict[tuple[str, ...], list[str]] = {}
    for platform, missing in gaps.items():
        if missing:
            platforms_by_gap.setdefault(missing, []).append(labels[platform])
    return [
        Lever(", ".join(missing), best_values(missing),
              f"Connect {listing(names, 'or')}: {listing(nouns[n] for n in missing)} would be scored (up to {{effect}})")
        for missing, names in platforms_by_gap.items()
    ]
