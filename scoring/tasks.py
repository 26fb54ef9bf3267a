"""Celery tasks of the scoring app: thin shells around ``scoring.services`` and
``scoring.fuzzy.service``. Both rescores report progress as the task state ``PROGRESS`` with
``{"done", "total"}``."""
from collections.abc import Callable

from celery import Task, shared_task

from . import services
from .fuzzy import service as fuzzy


def _progress(task: Task) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        if task.request.id:
            task.update_state(state="PROGRESS", meta={"done": done, "total": total})

    return progress


@shared_task(bind=True)
def rescore_all(self, version: int | None = None) -> int:
    """Rescore every applicant from stored feature vectors with ``version`` (default: current)."""
    return services.rescore_all(version=version, progress=_progress(self))


@shared_task(bind=True)
def rescore_fuzzy(self, version: int | None = None) -> int:
    """Rescore every applicant's AHP + fuzzy score with AHP ``version`` (default: current),
    from the index scores their last result kept."""
    return fuzzy.rescore_all(version=version, progress=_progress(self))
