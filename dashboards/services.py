"""Writes the dashboards make: deleting an applicant's data."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import User
from ingest.models import DataSource, Platform, source_files_dir

# The apps whose rows are an applicant's data (sources, jobs, analyses, feature vectors,
# scores). Their models may grow; deletion follows every ``owner`` link to the user in them.
# Other links to a user (a configuration's ``created_by``, history's ``history_user``) say
# who did something, are not the applicant's data, and must survive.
DATA_APPS = ("ingest", "pipeline", "scoring")
OWNER_FIELD = "owner"


def _files_dirs(user: User) -> list[Path]:
    """Every folder this applicant's sources could have used, rows or not, so files left by
    an interrupted upload go too."""
    root = Path(settings.MEDIA_ROOT)
    return [root / source_files_dir(user.pk, platform) for platform in Platform.values]


@transaction.atomic
def applicant_data_delete(*, user: User) -> dict[str, int]:
    """Remove every source (and its files on disk), job, analysis and score of ``user``.

    The account and its consent setting stay: the applicant may connect new data later.
    Returns how many rows of each model went, for the confirmation message and the tests.
    Files are removed after the rows' transaction commits, so a failed delete loses nothing.
    """
    deleted: Counter[str] = Counter()
    sources = list(DataSource.objects.filter(owner=user))
    for relation in user._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label not in DATA_APPS or relation.field.name != OWNER_FIELD or relation.many_to_many:
            continue
        _, per_model = model._default_manager.filter(**{relation.field.name: user}).delete()
        deleted.update({label: n for label, n in per_model.items() if n})
    dirs = {s.files_dir for s in sources} | set(_files_dirs(user))
    transaction.on_commit(lambda: _remove_dirs(dirs))
    return dict(deleted)


def _remove_dirs(dirs: set[Path]) -> None:
    for folder in dirs:
        shutil.rmtree(folder, ignore_errors=True)

