"""Missing is never zero, end to end: a field an export cannot tell is missing from the
applicant's features and costs no points, from the real parser's output to the reasons."""
from copy import deepcopy
from datetime import date

import pytest

from ingest.parsers import parse_export
from scoring.priority import defaults, engine
from scoring.priority.features import extract_features
from tests.ingest import exports

TODAY = date(2026, 11, 24)
# What the analysis of the posts and comments found; enough, with what the exports tell, to
# be scorable (age, which Instagram tells, is not scored by default).
ANALYSIS = {"sentiment": {"posts": {"positive": 3, "negative": 1, "neutral": 1, "unsupported": 0},
                          "comments": {"positive": 1, "negative": 0, "neutral": 1, "unsupported": 0}}}


def priority(documents: list[dict]) -> dict:
    return engine.score(extract_features(documents, ANALYSIS, as_of=TODAY), defaults.default_config())


def reasons_about(result: dict, feature: str) -> list[dict]:
    return [r for r in result["reasons"] if r["feature"] == feature or feature in r["text"].lower()]


def test_a_facebook_only_applicants_skills_are_missing_and_cost_no_points(tmp_path):
    document = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip").path).document()
    assert document["profile"]["skills"] is None
    result = priority([document])
    assert not result["unscorable"] and result["eligible"]
    assert "skills" in result["missing"]
    assert "skills" not in result["contributions"]
    assert reasons_about(result, "skills") == []
    # The document earlier versions stored ("skills": [], none listed) lost the skills points.
    told_none = deepcopy(document)
    told_none["profile"]["skills"] = []
    before = priority([told_none])
    assert before["contributions"]["skills"]["points"] == 0
    assert [r["code"] for r in reasons_about(before, "skills")] == ["few_skills"]
    assert before["normalized"] < result["normalized"]


@pytest.mark.parametrize(("platform", "write"), [
    ("instagram", lambda path: exports.write_instagram(path / "ig.zip").path),
    ("twitter", lambda path: exports.write_twitter(path / "x.zip").path),
])
def test_education_is_missing_where_a_platform_cannot_tell_it(tmp_path, platform, write):
    document = parse_export(platform, write(tmp_path)).document()
    assert document["profile"]["education"] is None
    result = priority([document])
    assert not result["unscorable"] and result["eligible"]
    assert "education" in result["missing"] and "education" not in result["contributions"]
    assert reasons_about(result, "education") == []
    told_none = deepcopy(document)
    told_none["profile"]["education"] = []
    assert [r["code"] for r in reasons_about(priority([told_none]), "education")] == ["little_education"]


def test_a_platform_that_tells_skills_gives_them_to_a_facebook_applicant(tmp_path):
    facebook = parse_export("facebook", exports.write_facebook(tmp_path / "fb.zip").path).document()
    linkedin = parse_export("linkedin", exports.write_linkedin(tmp_path / "li.zip").path).document()
    features = extract_features([facebook, linkedin], ANALYSIS, as_of=TODAY)
    assert features["skills"]["value"] == len(linkedin["profile"]["skills"])
    assert features["skills"]["sources"] == ["linkedin"]  # Facebook added nothing, not a zero
