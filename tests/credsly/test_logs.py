"""Celery's "succeeded" log line keeps an analysis task's name and time, never a value read
from personal data (flagged group and page names); other tasks' lines are untouched."""
import logging

from credsly.logs import HidePrivateResults


def _succeeded(name: str, value: str) -> logging.LogRecord:
    record = logging.LogRecord("celery.app.trace", logging.INFO, __file__, 1, "Task %(name)s: %(return_value)s",
                               None, None)
    record.args = {"name": name, "return_value": value}
    return record


def test_the_analysis_tasks_value_is_not_logged():
    record = _succeeded("pipeline.tasks.analyse_chunk", "{'groups': ['Shit Happens 1']}")
    assert HidePrivateResults().filter(record)
    assert record.getMessage() == "Task pipeline.tasks.analyse_chunk: (not logged: personal data)"


def test_other_tasks_keep_their_value():
    record = _succeeded("scoring.tasks.finish_job", "None")
    assert HidePrivateResults().filter(record) and record.getMessage() == "Task scoring.tasks.finish_job: None"
