"""Celery tasks of the scoring app: thin shells around ``scoring.services``."""
from celery import shared_task

from . import services


@shared_task(bind=True)
def rescore_all(self, version: int | None = None) -> int:
    """Rescore every applicant from stored feature vectors with ``version`` (default: current).

    Progress is reported as the task state ``PROGRESS`` with ``{"done", "total"}``.
    """

    def progress(done: int, total: int) -> None:
        if self.request.id:
            self.update_state(state="PROGRESS", meta={"done": done, "total": total})

    return services.rescore_all(version=version, progress=progress)
