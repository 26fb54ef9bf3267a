"""Feature rows read as what was found, not as a feature name and its points."""
import pytest

from scoring.priority.features import FEATURE_NAMES
from scoring.priority.findings import finding


@pytest.mark.parametrize(("feature", "value", "of", "sentence"), [
    ("negative_images", 0.0, 6, "No explicit images among 6 analysed"),
    ("negative_images", 1 / 6, 6, "1 of 6 analysed images is flagged as explicit"),
    ("negative_posts", 0.25, 8, "2 of 8 analysed posts are negative"),
    ("positive_posts", 0.0, 3, "0 of 3 analysed posts are positive"),
    ("negative_groups", 1 / 3, 3, "1 of 3 joined groups has an offensive name"),
    ("negative_pages", 0.0, 12, "No offensive names among 12 liked or followed pages"),
    ("negative_images", 0.0, None, "No explicit images among the analysed images"),
    ("negative_posts", 0.25, None, "25% of the analysed posts are negative"),
    ("skills", 1, None, "1 skill listed"),
    ("skills", 7, None, "7 skills listed"),
    ("connections", 1250, None, "1,250 connections, friends and followers"),
    ("interaction_frequency", 0.84, None, "0.8 posts, comments and reactions a day"),
])
def test_a_finding_says_what_was_seen(feature, value, of, sentence):
    assert finding(feature, value, of) == sentence


def test_every_feature_has_its_own_sentence():
    for name in FEATURE_NAMES:
        assert finding(name, 0.5, 4) != name.replace("_", " ").capitalize(), name
