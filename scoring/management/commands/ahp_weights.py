"""``manage.py ahp_weights MATRIX.json``: weights and consistency of one judgement matrix."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scoring.fuzzy.ahp import AhpError, analyse


class Command(BaseCommand):
    help = "Print the AHP weights, lambda_max, CI, RI, CR of a square judgement matrix given as a JSON list of rows."

    def add_arguments(self, parser):
        parser.add_argument("matrix", help="JSON file: a list of rows, e.g. [[1, 3], [0.3333, 1]]; entries may be \"1/3\".")

    def handle(self, *args, **options):
        matrix = read_json(options["matrix"])
        try:
            result = analyse(matrix)
        except AhpError as error:
            raise CommandError(f"{options['matrix']}: {error}") from None
        output = result.as_dict()
        output.pop("RI_table")
        self.stdout.write(json.dumps(output))


def read_json(path: str):
    """The JSON document at ``path``, or a one-line CommandError."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CommandError(f"{path} is not valid JSON: {error}") from None
