import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from express.calibration import calibrate, read_labels
from express.characteristics import CharacteristicModel
from express.models import ExpressModel

from ._common import _lines, add_file_options, score_file


class Command(BaseCommand):
    help = ("Train the express characteristic model on labeled records (the patent's claim 3): score, "
            "measure accuracy against LABELS (user,good|bad), adjust values and thresholds until accuracy "
            "exceeds the target or nothing improves. Prints JSON; saves a changed model as a new version "
            "only with --save.")

    def add_arguments(self, parser):
        add_file_options(parser)
        parser.add_argument("labels", help="CSV of user,label with label good or bad")
        parser.add_argument("--target-accuracy", type=float, default=0.9)
        parser.add_argument("--seed", type=int, default=0, help="seed of the search's random restarts")
        parser.add_argument("--save", action="store_true", help="save an improved model as a new version")

    def handle(self, *args, **options):
        if not 0 < options["target_accuracy"] <= 1:
            raise CommandError("--target-accuracy must be between 0 and 1")
        if not Path(options["labels"]).is_file():
            raise CommandError(f"cannot read {options['labels']}: no such file")
        try:
            labels = read_labels(_lines(options["labels"]))
        except ValueError as error:
            raise CommandError(f"{options['labels']}: {error}") from None
        scored, model_row, _, areas = score_file(options)
        features = [result["features"] for result in scored.results if result["user"] in labels]
        if not features:
            raise CommandError("no labeled user appears in the records: check that LABELS uses the identities of the records")
        result = calibrate(features, labels, areas, model_row.as_model(), target=options["target_accuracy"],
                           seed=options["seed"])
        result["model_version_before"] = model_row.version
        result["labeled_users"] = len(labels)
        result["labels_without_records"] = len(labels) - len(features)
        result["saved_version"] = None
        trained = CharacteristicModel.from_dict(result["model"])
        if options["save"] and trained != model_row.as_model():
            new = ExpressModel.add_version(trained,
                                           note=f"calibrate_express: accuracy {result['accuracy_before']} -> "
                                                f"{result['accuracy_after']} (seed {options['seed']})")
            result["saved_version"] = new.version
        self.stdout.write(json.dumps(result, ensure_ascii=False))
