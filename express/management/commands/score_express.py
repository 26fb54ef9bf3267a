import json
import os
import sys

from django.core.management.base import BaseCommand

from ._common import add_file_options, score_file

KEYS = ("user", "user_type", "score", "values", "regions", "trend", "sensitive_hits", "reasons")


class Command(BaseCommand):
    help = ("Score every user of a shipment-records file with the current express model; print one JSON "
            "object per user on stdout and the cleaning report on stderr. Nothing is stored.")

    def add_arguments(self, parser):
        add_file_options(parser)

    def handle(self, *args, **options):
        scored, model_row, as_of, areas = score_file(options)
        try:
            for result in scored.results:
                self.stdout.write(json.dumps({key: result[key] for key in KEYS}, ensure_ascii=False))
        except BrokenPipeError:
            # The reader stopped early (``| head``): not a fault of the records. Python's
            # documented way out: point stdout at /dev/null so the exit flush stays quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        report = scored.report.as_dict()
        report.update(outside_window=scored.outside_window, model_version=model_row.version,
                      as_of=as_of.isoformat(), sensitive_areas=areas)
        self.stderr.write(json.dumps({"report": report}, ensure_ascii=False))
