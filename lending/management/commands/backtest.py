"""``manage.py backtest FILE.csv [--reference REF.csv]``: the back-test of scores against outcomes."""
import json

from django.core.management.base import BaseCommand, CommandError

from lending.backtest import backtest_report
from lending.scored_csv import ScoredCsvError, ScoredTable, read_scored_csv


class Command(BaseCommand):
    help = ("Back-test scores against outcomes. FILE is a CSV with a 'score' column (higher = lower risk), "
            "an 'outcome' column (1 = bad: default or 60+ days late; 0 = good) and optional numeric "
            "feature columns. Prints one JSON object: n, bad_rate, auc, gini, ks, bad_rate_by_decile, "
            "and with --reference the PSI of the score and of every shared column.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV of scored applications with their outcomes")
        parser.add_argument("--reference", help="CSV of the reference window (a 'score' column; outcomes optional)")

    def handle(self, *args, **options):
        table = _read(options["file"], require_outcome=True)
        reference = _read(options["reference"], require_outcome=False) if options["reference"] else None
        self.stdout.write(json.dumps(backtest_report(table, reference), allow_nan=False))


def _read(path: str, require_outcome: bool) -> ScoredTable:
    """The table in ``path``, or a one-line CommandError naming the file (and the line)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            return read_scored_csv(stream, require_outcome=require_outcome)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or 'the file cannot be opened'}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text: save it as UTF-8 CSV") from None
    except ScoredCsvError as error:
        raise CommandError(f"{path}: {error}") from None
