"""Celery's "succeeded" log line keeps an analysis task's name and time, not its value (flagged
group and page names); other tasks' lines are untouched."""
import logging

from credsly.logs import HidePrivateResults
from models_ml.tasks import analyse_chunk


def test_the_analysis_tasks_value_is_not_logged(caplog, eager_celery):
    with caplog.at_level(logging.INFO, logger="celery.app.trace"):
        analyse_chunk.delay("groups", ["Shit Happens 1", "Home Bakers"], [])
    line = next(r.getMessage() for r in caplog.records if "succeeded" in r.getMessage())
    assert "models_ml.tasks.analyse_chunk" in line and "(not logged: personal data)" in line
    assert "Shit Happens" not in caplog.text


def test_other_tasks_keep_their_value():
    record = logging.LogRecord("celery.app.trace", logging.INFO, __file__, 1, "Task %(name)s: %(return_value)s",
                               None, None)
    record.args = {"name": "scoring.tasks.record_chunk", "return_value": "True"}
    assert HidePrivateResults().filter(record) and record.getMessage() == "Task scoring.tasks.record_chunk: True"
