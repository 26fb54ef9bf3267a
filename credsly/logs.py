"""Logging filters of the project, wired in ``settings.LOGGING``."""
import logging

# Tasks that read personal data (flagged group and page names): should one ever return what it
# read, its value stays out of the worker log.
PRIVATE_RESULTS = frozenset({"pipeline.tasks.analyse_chunk"})


class HidePrivateResults(logging.Filter):
    """Celery writes every task's return value into its "succeeded" line; for the tasks of
    ``PRIVATE_RESULTS`` the line keeps the task, its id and its time, not the value, so worker
    logs do not keep what "delete all my data" erases."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict) and args.get("name") in PRIVATE_RESULTS and "return_value" in args:
            record.args = {**args, "return_value": "(not logged: personal data)"}
        return True
