"""The settings' environment readers: a value nobody could mean stops start-up with a
sentence naming the variable, instead of a bare ValueError or a silent default."""
import pytest
from django.core.exceptions import ImproperlyConfigured

from credsly.env import env_bool, env_choice, env_float, env_int

NAME = "CREDSLY_TEST_VALUE"


@pytest.fixture
def given(monkeypatch):
    def set_value(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(NAME, raising=False)
        else:
            monkeypatch.setenv(NAME, value)

    return set_value


@pytest.mark.parametrize(("value", "expected"), [
    (None, True), ("", True), ("  ", True), ("1", True), ("YES", True), (" on ", True), ("true", True),
    ("0", False), ("no", False), ("Off", False), ("false", False),
])
def test_booleans_read_the_usual_spellings_and_default_when_unset(given, value, expected):
    given(value)
    assert env_bool(NAME, True) is expected


@pytest.mark.parametrize("value", ["ture", "2", "enabled"])
def test_a_boolean_nobody_could_mean_is_refused_by_name(given, value):
    given(value)
    with pytest.raises(ImproperlyConfigured, match=rf"^{NAME}='{value}' in the environment: expected one of 1, true"):
        env_bool(NAME, False)


def test_whole_numbers_are_read_and_checked_against_their_minimum(given):
    given(None)
    assert env_int(NAME, 7) == 7
    given(" 42 ")
    assert env_int(NAME, 7, minimum=1) == 42
    given("0")
    assert env_int(NAME, 7) == 0
    for bad in ("0", "-3", "1.5", "ten", "4GiB"):
        given(bad)
        with pytest.raises(ImproperlyConfigured, match=rf"^{NAME}='{bad}' in the environment: expected a whole number of at least 1\.$"):
            env_int(NAME, 7, minimum=1)


def test_numbers_are_read_and_checked_against_their_minimum(given):
    given("0.5")
    assert env_float(NAME, 1.0) == 0.5
    for bad in ("0.5", "nan", "half"):
        given(bad)
        with pytest.raises(ImproperlyConfigured, match=rf"^{NAME}='{bad}' in the environment: expected a number of at least 1\.$"):
            env_float(NAME, 200.0, minimum=1.0)


def test_a_choice_is_one_of_its_values_exactly(given):
    given(None)
    assert env_choice(NAME, "INFO", ("INFO", "DEBUG")) == "INFO"
    given("DEBUG")
    assert env_choice(NAME, "INFO", ("INFO", "DEBUG")) == "DEBUG"
    given("verbose")
    with pytest.raises(ImproperlyConfigured, match=rf"^{NAME}='verbose' in the environment: expected one of INFO, DEBUG\.$"):
        env_choice(NAME, "INFO", ("INFO", "DEBUG"))
