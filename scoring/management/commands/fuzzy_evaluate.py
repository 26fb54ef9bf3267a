"""``manage.py fuzzy_evaluate INDEX_SCORES.json [--weights WEIGHTS.json]``: the paper's fuzzy
comprehensive evaluation of one set of leaf index scores."""
import json

from django.core.management.base import BaseCommand, CommandError

from scoring.fuzzy.evaluation import FuzzyError, evaluate
from scoring.fuzzy.hierarchy import code_key
from scoring.models import AhpConfig

from .ahp_weights import read_json


class Command(BaseCommand):
    help = (
        "Evaluate leaf index scores (JSON {code: score 0-100}) with the current AHP configuration, "
        "or with --weights (JSON {parent code or \"0\": [children's weights in code order]}). "
        "Leaves absent or null are missing: their weight goes to their siblings."
    )

    def add_arguments(self, parser):
        parser.add_argument("index_scores")
        parser.add_argument("--weights", help="JSON file; parents it leaves out keep the current configuration's weights.")

    def handle(self, *args, **options):
        scores = read_json(options["index_scores"])
        if not isinstance(scores, dict):
            raise CommandError(f"{options['index_scores']} must hold an object mapping index codes to scores.")
        config = AhpConfig.objects.current()
        tree = config.tree()
        weights = config.weights()
        if options["weights"]:
            given = read_json(options["weights"])
            if not isinstance(given, dict):
                raise CommandError(f"{options['weights']} must hold an object mapping parent codes to weight lists.")
            unknown = sorted(set(given) - set(tree.inner()), key=code_key)
            if unknown:
                raise CommandError(f"{options['weights']}: not parent indices of the hierarchy: {', '.join(unknown)}.")
            weights.update(given)
        try:
            result = evaluate(tree, weights, scores)
        except FuzzyError as error:
            raise CommandError(str(error)) from None
        missing = [code for code in tree.leaves() if scores.get(code) is None]
        if missing:
            self.stderr.write(f"missing indices, weight shared among their siblings: {', '.join(missing)}")
        self.stdout.write(json.dumps(result.command_output()))
