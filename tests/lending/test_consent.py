"""The consent text and the cleaning of what an applicant types: pure, no database."""
import pytest

from lending.consent import CONSENT_VERSION, PURPOSE_MAX, clean_methods, clean_purpose, consent_text

KNOWN = ["priority", "fuzzy", "express"]


def test_the_text_names_the_lender_and_the_methods():
    text = consent_text("North Bank", ["Priority", "AHP + fuzzy"])
    assert text.startswith("I let North Bank see my CredSly scores by Priority and AHP + fuzzy,")
    assert "until I withdraw" in text and "logged and shown to me" in text
    assert consent_text("North Bank", ["Priority"]).startswith("I let North Bank see my CredSly scores by Priority,")
    assert CONSENT_VERSION


def test_a_purpose_is_one_line_and_not_empty():
    assert clean_purpose("  personal\n loan ") == "personal loan"
    with pytest.raises(ValueError, match="Say what you are applying for"):
        clean_purpose("   ")
    with pytest.raises(ValueError, match=f"Keep the purpose to {PURPOSE_MAX} characters"):
        clean_purpose("x" * (PURPOSE_MAX + 1))


def test_methods_default_keep_the_registry_order_and_refuse_unknown_ones():
    assert clean_methods(None, known=KNOWN, default=["priority", "fuzzy"]) == ["priority", "fuzzy"]
    assert clean_methods(["express", "priority", "express"], known=KNOWN, default=[]) == ["priority", "express"]
    with pytest.raises(ValueError, match="There is no scoring method astrology: choose among priority, fuzzy, express"):
        clean_methods(["astrology"], known=KNOWN, default=[])
    with pytest.raises(ValueError, match="Share at least one score"):
        clean_methods([], known=KNOWN, default=["priority"])
