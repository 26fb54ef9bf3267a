"""Resident-ID and credit-code check digits and the user type (express/identity.py)."""
import pytest

from express.identity import ENTERPRISE, INDIVIDUAL, UNKNOWN, classify_user, normalise_identity, resident_id_problem, uscc_problem
from tests.express.generator import USCC_CHARS, USCC_WEIGHTS


@pytest.mark.parametrize("identity", ["11010519491231002X", "440524188001010014", "11010119900307803X"])
def test_published_resident_ids_verify(identity):
    # 440524188001010014 is GB 11643's own example, which stdnum's ric.validate() refuses.
    assert resident_id_problem(identity) is None
    assert classify_user(identity).kind == INDIVIDUAL


def test_a_wrong_check_digit_makes_the_type_unknown_with_the_reason():
    user_type = classify_user("110105194912310021")
    assert user_type.kind == UNKNOWN
    assert "check digit is 1, GB 11643 gives X" in user_type.reason


def test_an_impossible_birth_date_fails_the_resident_id_check():
    assert "not a real date" in resident_id_problem("110105194902300012")


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_credit_codes_verify(code):
    assert uscc_problem(code) is None
    user_type = classify_user(code)
    assert user_type.kind == ENTERPRISE and "GB 32100" in user_type.reason


@pytest.mark.parametrize("authority", ["Y", "N", "A"])
def test_a_credit_code_of_a_lettered_registration_authority_verifies(authority):
    # GB 32100 registration authorities such as Y (other) write a letter first, which
    # stdnum's uscc.validate() refuses; the check character is computed here independently.
    body = f"{authority}1110000600037341"
    code = body + USCC_CHARS[(31 - sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS)) % 31) % 31]
    assert uscc_problem(code) is None
    assert classify_user(code).kind == ENTERPRISE


def test_a_credit_code_with_a_wrong_check_character_is_unknown():
    user_type = classify_user("91350100M000100Y44")
    assert user_type.kind == UNKNOWN and "GB 32100 gives 3" in user_type.reason


def test_no_identity_marks_an_enterprise_and_odd_ones_stay_unknown():
    assert classify_user("").kind == ENTERPRISE
    assert classify_user("110105491231002").kind == UNKNOWN  # 15-digit first generation
    assert classify_user("ABC").kind == UNKNOWN


def test_identities_compare_without_spaces_and_case():
    assert normalise_identity(" 110105 19491231002x ") == "11010519491231002X"
