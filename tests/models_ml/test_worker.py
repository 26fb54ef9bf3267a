"""models_ml is plain Python, and a worker loads every model once at start-up."""

from __future__ import annotations

import subprocess
import sys

import models_ml
from models_ml import images, sentiment


def test_models_ml_imports_no_django():
    code = (
        "import sys, models_ml.analysis, models_ml.sentiment, models_ml.images, "
        "models_ml.profanity; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_init_worker_loads_every_model_in_this_process():
    models_ml.init_worker()
    assert sentiment._vader is not None
    assert sentiment._chinese is not None
    assert images._session is not None
    assert images._get_session() is images._session
