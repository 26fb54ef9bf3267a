"""Behind a reverse proxy (BEHIND_PROXY=N) and not: which client address django-axes locks
out and whether a request counts as HTTPS, with the settings read from the environment in
a fresh process, as the app starts."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"  # REMOTE_ADDR: the nearest proxy, or a client talking to us directly
SCRIPT = f"""
import json, sys
import django
django.setup()
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
seen = []
for forwarded_for in json.loads(sys.argv[1]):
    request = RequestFactory().get("/", REMOTE_ADDR="{PROXY}", HTTP_X_FORWARDED_FOR=forwarded_for,
                                   HTTP_X_FORWARDED_PROTO="https")
    seen.append([get_client_ip_address(request), request.is_secure()])
print(json.dumps(seen))
"""


def run(behind_proxy: str | None, forwarded_for: list[str]) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "BEHIND_PROXY"}
    env["DJANGO_SETTINGS_MODULE"] = "credsly.settings_test"
    if behind_proxy is not None:
        env["BEHIND_PROXY"] = behind_proxy
    return subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(forwarded_for)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def seen(behind_proxy: str | None, forwarded_for: list[str]) -> list[list]:
    """(client address as django-axes sees it, request.is_secure()) for each X-Forwarded-For."""
    result = run(behind_proxy, forwarded_for)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_a_proxy_forwarded_headers_are_not_believed():
    assert seen(None, ["203.0.113.9"]) == [[PROXY, False]]


def test_behind_one_proxy_the_client_it_saw_counts_and_a_forged_entry_does_not():
    # The second client sent an X-Forwarded-For of its own; the proxy appended the address it saw.
    assert seen("1", ["203.0.113.9", "1.2.3.4, 203.0.113.9"]) == [["203.0.113.9", True], ["203.0.113.9", True]]


def test_behind_two_proxies_the_client_is_the_address_the_outer_one_saw():
    # The outer proxy writes the client, the inner one appends the outer one's address.
    assert seen("2", ["198.51.100.7, 203.0.113.9", "1.2.3.4, 198.51.100.7, 203.0.113.9"]) == [
        ["198.51.100.7", True], ["198.51.100.7", True]]


@pytest.mark.parametrize("value", ["yes", "-1"])
def test_a_proxy_count_nobody_could_mean_stops_start_up(value):
    result = run(value, [])
    assert result.returncode != 0
    assert f"BEHIND_PROXY='{value}' in the environment: expected a whole number of at least 0." in result.stderr
