"""``manage.py ingest_export PLATFORM PATH``: JSON on stdout, or one line on stderr."""
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from . import exports

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def test_it_prints_the_normalized_profile(tmp_path):
    written = exports.write_instagram(tmp_path / "ig.zip")
    out = StringIO()
    call_command("ingest_export", "instagram", str(written.path), stdout=out)
    doc = json.loads(out.getvalue())
    assert doc["platform"] == "instagram"
    assert [p["text"] for p in doc["posts"]] == written.posts
    assert "Sunset in Lisboa 🌅" in out.getvalue()  # real Unicode, not escapes


def test_a_refused_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="^This is not a zip file"):
        call_command("ingest_export", "facebook", str(exports.write_not_a_zip(tmp_path / "x.zip")))


def test_a_missing_path_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="^No such file"):
        call_command("ingest_export", "facebook", str(tmp_path / "nothing.zip"))


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "credsly.settings_test"}
    return subprocess.run([sys.executable, str(MANAGE), "ingest_export", *args], capture_output=True, text=True, env=env, timeout=120)


def test_as_a_process_it_exits_0_with_json_or_non_zero_with_one_line(tmp_path):
    good = run("twitter", str(exports.write_twitter(tmp_path / "x.zip").path))
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["counts"]["followers"] == 11
    assert good.stderr == ""

    refused = run("linkedin", str(exports.write_facebook(tmp_path / "fb.zip").path))
    assert refused.returncode != 0
    assert refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "CommandError: This looks like a Facebook export, not a LinkedIn one; upload it as Facebook."
    ]
