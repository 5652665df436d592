"""The OCR engine: RapidOCR on onnxruntime, with the models its wheel carries, nothing fetched.

RapidOCR 3.x downloads a model whenever a stage is configured by name only (engine, version,
language) and the file is not yet in its model folder, and it downloads a font when a result is
drawn. Every stage here is given the ``model_path`` of the ``.onnx`` file inside the installed
package, and nothing is ever drawn, so neither download path is reachable; the recogniser's
character table is read from the model's own metadata, which also skips the dictionary download.
``tests/test_ocr.py`` proves it with sockets that refuse to connect.

onnxruntime reports telemetry unless told not to: the environment variable is set before its
first import and the runtime switch is thrown right after.

Loading onnxruntime and RapidOCR costs about a second and 100 MB, so they are imported when the
first page is read, never when this module is; without the OCR extra it still imports.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"

# The detector sees a page at most this many pixels on its longer side: report text is 10–12 pt,
# still 16 px high (a 150 dpi A4 page shown at 0.73).
DET_SIDE = 1280
# Results scored below this are still kept: a doubtful reading flagged for the auditor is better
# than a silently empty cell.
MIN_TEXT_SCORE = 0.05


@dataclass(frozen=True, slots=True)
class Glyph:
    """One recognised character and its box in image pixels (x0, top, x1, bottom)."""

    text: str
    score: float
    box: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class TextBox:
    """One detected text line: its text, score (0..1), box in image pixels, and its characters."""

    text: str
    score: float
    box: tuple[float, float, float, float]
    glyphs: tuple[Glyph, ...]


def model_dir() -> Path:
    """The ``models`` folder inside the installed rapidocr package, found without importing it."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("rapidocr is not installed (pip install nianbao-review[ocr])")
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "models"


def model_paths() -> dict[str, Path]:
    """The bundled model files; a missing one means a broken install, said plainly.

    The files tested with (rapidocr 3.10) are preferred; another 3.x release that bundles its
    models under other names still works, with the first ``*det*``/``*rec*`` file. The angle
    classifier is never run (see ``engine_params``), so the app's build leaves it out.
    """
    folder = model_dir()
    paths: dict[str, Path] = {}
    for stage, preferred in (("det", DET_MODEL), ("rec", REC_MODEL)):
        found = folder / preferred
        if not found.is_file():
            found = next(iter(sorted(folder.glob(f"*{stage}*.onnx"))), None)
        if found is None:
            raise FileNotFoundError(f"OCR model file for '{stage}' missing from {folder}")
        paths[stage] = found
    return paths


def engine_params() -> dict[str, Any]:
    """RapidOCR parameters: explicit model files, and the speed/accuracy trade-offs for 150 dpi pages.

    - no angle classifier: pages are straightened before OCR and reports are not printed upside down;
    - detection on the page scaled to at most :data:`DET_SIDE` px, by ``detect`` itself;
    - recognition of crops padded to at least 96 px, not 320: most crops are one number in a
      table cell, and padding is what the recogniser spends its time on; 48 px is faster still
      but leaves a lone digit too little context (confidences drop, and so did accuracy). Which
      crops share a call is ``_read_crops``'s choice, not RapidOCR's;
    - every model on one thread (see :func:`page_workers`).
    """
    paths = model_paths()
    return {
        "Global.use_cls": False,
        "Global.text_score": MIN_TEXT_SCORE,
        "Global.log_level": "error",
        "Global.model_root_dir": str(model_dir()),
        "Det.model_path": str(paths["det"]),
        "Det.limit_type": "max",
        "Det.limit_side_len": 10 * DET_SIDE,  # never: detect() scales the page itself
        "Rec.model_path": str(paths["rec"]),
        "Rec.rec_img_shape": [3, 48, 96],
        **_thread_params(),
    }


# Cores OCR may use in this process; None: all of them. Each page is read on one core (every model
# runs on one thread) and as many pages at once as there are cores: pages share nothing, while a
# model spread over two threads waits on their joins between its small layers, a third of the
# CPU it uses (3.3 CPU s a page on two threads against 2.2 on one). An import pool gives each of
# its processes its share, so processes and pages never fight over the same cores.
_cores: int | None = None


def use_cores(count: int | None) -> None:
    """Set the cores OCR may use in this process from now on (None: every core of the machine)."""
    global _cores
    _cores = count


def page_workers() -> int:
    """How many pages are read at once: one per core OCR may use."""
    return max(1, _cores or os.cpu_count() or 1)


def _thread_params() -> dict[str, int]:
    return {"EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1}


_lock = threading.Lock()  # loading the engine
# One page is shown to the detector at a time: its buffers (300–450 MB for a page) are the
# largest a page needs, and two at once would not fit a worker's memory. The other page's
# recognition goes on meanwhile.
_detecting = threading.Lock()
_engine: Any = None


def load_runtime() -> Any:
    """Import onnxruntime with its telemetry off, then RapidOCR; returns the RapidOCR class.

    The environment variable only counts if it is set before onnxruntime is first imported; the
    runtime switch covers a process where something imported it earlier.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    from rapidocr import RapidOCR

    return RapidOCR


def get_engine() -> Any:
    """One engine per process: loading the models takes longer than reading a page."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = load_runtime()(params=engine_params())
        return _engine


def reset_engine() -> None:
    """Drop the engine (tests use it to load the models again under watch)."""
    global _engine
    with _lock:
        _engine = None


Quad = Any  # a detected text line: a 4×2 float32 numpy array of corners, clockwise from top left


def detect(image: Any, region: tuple[int, int, int, int] | None = None) -> list[Quad]:
    """The text lines the detector finds on a page image (grey), in page pixels, top to bottom.

    Only ``region`` (x0, top, x1, bottom: the part of the page with ink) is shown to the
    detector, at the scale the whole page would get (its longer side :data:`DET_SIDE` pixels):
    blank margins cost the detector as much as text does, and at another scale small marks come
    and go. (Showing it the page in overlapping bands, to need less memory, was tried: whatever
    the overlap, lone digits and dashes near a cut came and went between runs.)
    """
    import cv2
    import numpy as np

    height, width = image.shape[:2]
    x0, top, x1, bottom = region if region is not None else (0, 0, width, height)
    if x1 - x0 < 2 or bottom - top < 2:
        return []
    scale = min(1.0, DET_SIDE / max(height, width))
    size = (_multiple_of_32((x1 - x0) * scale), _multiple_of_32((bottom - top) * scale))
    shown = cv2.resize(image[top:bottom, x0:x1], size)
    detector = get_engine()._load_det_model()  # RapidOCR 3.x: the loaded TextDetector
    with _detecting:
        found = detector.session(_detector_input(shown))
    boxes, _ = detector.postprocess_op(found, shown.shape[:2])
    if len(boxes) == 0:
        return []
    quads = np.asarray(detector.sorted_boxes(np.asarray(boxes)), dtype=np.float32)
    quads[:, :, 0] = quads[:, :, 0] * (x1 - x0) / size[0] + x0
    quads[:, :, 1] = quads[:, :, 1] * (bottom - top) / size[1] + top
    return list(quads)


def _detector_input(gray: Any) -> Any:
    """The detector's input tensor for a grey image, as RapidOCR makes it from the same image in colour.

    Its values are computed on the one grey channel, in the same (double) precision, and then
    copied to the three: RapidOCR's own normalising of three identical channels in double
    precision cost 0.04 s a page.
    """
    import numpy as np

    normalised = ((gray.astype(np.float32) * (1 / 255.0) - np.float64(0.5)) / np.float64(0.5)).astype(np.float32)
    return np.ascontiguousarray(np.broadcast_to(normalised, (1, 3, *gray.shape)))


def _multiple_of_32(length: float) -> int:
    """The side the detector network takes (a multiple of 32), as RapidOCR rounds it."""
    return max(32, int(round(length / 32)) * 32)


def recognise(image: Any, quads: list[Quad]) -> list[TextBox]:
    """The text of each detected line (grey page image), with characters' boxes and scores.

    Lines read as nothing, or below :data:`MIN_TEXT_SCORE`, are left out.
    """
    import cv2
    import numpy as np
    from rapidocr.ch_ppocr_rec import TextRecOutput
    from rapidocr.utils.process_img import get_rotate_crop_image

    quads = [q for q in quads if min(np.ptp(q[:, 0]), np.ptp(q[:, 1])) >= 2]  # nothing to crop in a sliver
    if not quads:
        return []
    page = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
    crops = [get_rotate_crop_image(page, quad.copy()) for quad in quads]
    engine = get_engine()
    readings = _read_crops(engine._load_rec_model(), crops)  # RapidOCR 3.x: the loaded TextRecognizer
    keep = [i for i, (text, score, _) in enumerate(readings) if text.strip() and score >= MIN_TEXT_SCORE]
    if not keep:
        return []
    kept = [quads[i] for i in keep]
    read = TextRecOutput([crops[i] for i in keep], *zip(*(readings[i] for i in keep)))
    words = engine.cal_rec_boxes(read.imgs, kept, read, True).word_results
    out: list[TextBox] = []
    for quad, text, score, chars in zip(kept, read.txts, read.scores, words):
        glyphs = tuple(g for g in (_glyph(w) for w in chars) if g is not None)
        out.append(TextBox(str(text), float(score), quad_box(quad), glyphs))
    return out


# Crops no wider than the recogniser's smallest input are read this many at a time.
NARROW_BATCH = 8


def _read_crops(recogniser: Any, crops: list) -> list[tuple[str, float, Any]]:
    """The recogniser's reading of each crop: its text, score and characters' places.

    Most crops are one number in a table cell, narrower than the recogniser's smallest input,
    so each is padded to that width whether read alone or with others: read together they give
    the same result and share the cost of a call, about a fifth of it on one thread. A wider
    crop is read alone, at its own width: padded to a neighbour's it would be read differently.
    """
    import numpy as np

    _, shape_h, shape_w = recogniser.rec_image_shape[:3]
    smallest = shape_w / shape_h
    ratios = [crop.shape[1] / crop.shape[0] for crop in crops]
    narrow = [i for i, ratio in enumerate(ratios) if ratio <= smallest]
    groups = [narrow[at : at + NARROW_BATCH] for at in range(0, len(narrow), NARROW_BATCH)]
    groups += [[i] for i, ratio in enumerate(ratios) if ratio > smallest]
    results: dict[int, tuple[str, float, Any]] = {}
    for group in groups:
        widest = max(smallest, *(ratios[i] for i in group))
        batch = np.stack([recogniser.resize_norm_img(crops[i], widest) for i in group]).astype(np.float32)
        lines, words = recogniser.postprocess_op(recogniser.session(batch), True,
                                                 wh_ratio_list=[ratios[i] for i in group], max_wh_ratio=widest)
        for i, (text, score), word in zip(group, lines, words):
            results[i] = (text, score, word)
    return [results[i] for i in range(len(crops))]


def _glyph(item: Any) -> Glyph | None:
    text, score, quad = item
    if quad is None or not str(text).strip():
        return None
    return Glyph(str(text), float(score), quad_box(quad))


def quad_box(quad: Any) -> tuple[float, float, float, float]:
    """The axis-aligned box of a quadrilateral [[x, y], ...]."""
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return (min(xs), min(ys), max(xs), max(ys))


# Characters a table value can be printed with; what a numeric cell is re-read with.
NUMERIC_CHARS = "0123456789.,%"
# The shapes of a printed dash (a zero). Re-reading a number cell counts them as one symbol whose
# probability is the sum of theirs: the recogniser hesitating between 一 and — is no doubt about
# the value, and a dash read as 一 at 0.88 is a dash at 0.99.
DASH_CHARS = "—一-－–―‐ー_~～"
DASH = "—"


def read_digits(image: Any, box: tuple[float, float, float, float]) -> tuple[str, float] | None:
    """Re-read one crop of a page image allowing only the characters of a number, or a dash.

    A lone ``1`` in a table cell, with no text around it, is read as ``一`` or ``l`` now and
    then; where the layout says a number must stand, the recogniser's own output is decoded
    again with every other character masked out, and every shape of dash counted as one. The score is the probability of the least sure
    character as the recogniser gave it (not renormalised), so a digit it did not favour stays
    doubtful and is flagged for the auditor. None when nothing numeric can be read.
    """
    import numpy as np

    x0, top, x1, bottom = (round(v) for v in box)
    height, width = image.shape[:2]
    x0, top, x1, bottom = max(0, x0), max(0, top), min(width, x1), min(height, bottom)
    if x1 - x0 < 2 or bottom - top < 2:
        return None
    crop = image[top:bottom, x0:x1]
    if crop.ndim == 2:
        import cv2

        crop = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
    recogniser = get_engine()._load_rec_model()  # RapidOCR 3.x: the loaded TextRecognizer
    _, shape_h, shape_w = recogniser.rec_image_shape[:3]
    ratio = max(crop.shape[1] / crop.shape[0], shape_w / shape_h)
    batch = recogniser.resize_norm_img(crop, ratio)[np.newaxis].astype(np.float32)
    preds = recogniser.session(batch)[0]
    characters = recogniser.postprocess_op.character
    digits = [i for i, ch in enumerate(characters) if ch in NUMERIC_CHARS]
    dashes = [i for i, ch in enumerate(characters) if ch in DASH_CHARS]
    symbols = [""] + [characters[i] for i in digits] + [DASH]
    probs = np.column_stack([preds[:, 0], preds[:, digits], preds[:, dashes].sum(axis=1)])
    best = probs.argmax(axis=1)
    text: list[str] = []
    scores: list[float] = []
    previous = 0
    for step, index in enumerate(best):
        if index != 0 and index != previous:
            text.append(symbols[index])
            scores.append(float(probs[step, index]))
        previous = index
    if not text:
        return None
    if len(text) > 1 and text[0] == DASH:
        text[0] = "-"  # before digits a dash is a minus sign (本年增/减)
    return "".join(text), min(scores)
