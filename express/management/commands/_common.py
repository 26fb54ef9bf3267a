"""What score_express and calibrate_express share: the file options and the scoring pass."""
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from express.encoding import decode_text
from express.models import ExpressModel
from express.regions import SEPARATOR, read_region_lines, resolve_area, split_region_line
from express.services import ScoredFile, region_matcher, score_records, sensitive_areas_on
from express.shipments import ShipmentFileError


def add_file_options(parser) -> None:
    parser.add_argument("records", help="shipment records CSV (UTF-8 or GB18030, comma or tab)")
    parser.add_argument("--as-of", type=_date, default=None, help="scoring date YYYY-MM-DD (default today)")
    parser.add_argument("--regions", help="region table for this run: one region per line (广东省/深圳市/南山区)")
    parser.add_argument("--sensitive", help="sensitive areas for this run: one region name per line")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date written YYYY-MM-DD, not {text!r}") from None


def _lines(path: str) -> list[str]:
    try:
        return decode_text(Path(path).read_bytes()).splitlines()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from None


def score_file(options) -> tuple[ScoredFile, ExpressModel, date, list[str]]:
    as_of = options["as_of"] or timezone.localdate()
    try:
        matcher = region_matcher(read_region_lines(_lines(options["regions"])) if options["regions"] else None)
    except ValueError as error:
        raise CommandError(f"{options['regions']}: {error}") from None
    if options["sensitive"]:
        areas = sorted({resolve_area(SEPARATOR.join(split_region_line(line)), matcher)
                        for line in _lines(options["sensitive"]) if line.strip()})
    else:
        areas = sensitive_areas_on(as_of, matcher)
    model_row = ExpressModel.current()
    try:
        with open(options["records"], "rb") as stream:
            scored = score_records(stream, as_of=as_of, matcher=matcher, areas=areas, model=model_row.as_model())
    except OSError as error:
        raise CommandError(f"cannot read {options['records']}: {error.strerror}") from None
    except ShipmentFileError as error:
        raise CommandError(f"{options['records']}: {error}") from None
    return scored, model_row, as_of, areas
