"""FER-2013-style emotion faces for the chapter 4 emotion examples (ch04_emotion_*).

The book trains on the Kaggle in-class competition "facial-keypoints-detector" (a FER-2013 subset:
``train.csv`` with columns ``Emotion,Pixels``, ``test.csv`` with ``Pixels``; 48x48 grayscale, 2,304
space-separated ints).
That data needs a Kaggle login, so when no real files are given this module **generates** seeded synthetic
faces in exactly that CSV schema and the book's loader logic then runs on them unchanged.

Synthetic faces: background, a face ellipse, two eyes, two eyebrows and a mouth, with per-class means for
eyebrow angle/height, eye opening, mouth curvature/opening/width/asymmetry (anger: V-shaped brows and a tight
frown; disgust: lowered brows and a lopsided mouth; fear: raised inner brows, wide eyes, stretched open mouth;
happy: a wide smile; sad: raised inner brows, corners down; surprise: high brows, wide eyes, round open mouth;
neutral: flat), plus per-image jitter of every parameter, pose (shift, scale, small rotation), lighting and
pixel noise. A small CNN learns them well above chance (1/7) but not trivially.

Sizes: book mode 4,178 train rows + 1,312 test rows, so the book's split comes out exactly
(``int(4178 * 0.1) = 417`` validation, 3,761 train, 1,312 test); smoke mode 300 + 60 rows.
Classes follow FER-2013: 0 anger, 1 disgust, 2 fear, 3 happy, 4 sad, 5 surprise, 6 neutral; class frequencies
follow FER-2013's (disgust rare, happy most common).

``read_data`` mirrors the book's ``EmotionDetectorUtils.read_data``: pixels / 255.0, a seed-0 permutation
(``numpy.random.seed(0)`` then ``numpy.random.permutation`` in the book; ``RandomState(seed)`` here, the same
stream), the first 10 % (``int(n * 0.1)``) as validation. Images are returned as float32 (the book keeps
float64 and feeds it into float32 placeholders, which rounds to exactly these values); labels one-hot float32.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tfmigrate.book.data._paths import PathLike, atomic_write_bytes, cache_root, files_dir

IMAGE_SIZE = 48
NUM_LABELS = 7
VALIDATION_PERCENT = 0.1
EMOTIONS = ("anger", "disgust", "fear", "happy", "sad", "surprise", "neutral")

BOOK_TRAIN_ROWS = 4178
BOOK_TEST_ROWS = 1312
SMOKE_TRAIN_ROWS = 300
SMOKE_TEST_ROWS = 60
GENERATOR_SEED = 2013
GENERATOR_VERSION = 1

# FER-2013 training-set class shares (anger, disgust, fear, happy, sad, surprise, neutral).
CLASS_SHARES = np.array([0.138, 0.015, 0.143, 0.251, 0.169, 0.112, 0.172])

# Per class means: brow angle (rad, + = inner ends down), brow height (px, + = up), eye opening (px),
# mouth curve (px, + = corners up), mouth opening (px), mouth half-width (px), mouth asymmetry (px).
_CLASS_PARAMS = np.array(
    [
        [0.45, -1.5, 1.1, -1.0, 0.0, 7.0, 0.0],  # anger
        [0.20, -1.5, 1.2, -0.5, 0.8, 6.5, 2.5],  # disgust
        [-0.35, 2.0, 2.7, -1.0, 2.0, 9.0, 0.0],  # fear
        [0.00, 0.5, 1.4, 3.2, 1.0, 10.0, 0.0],  # happy
        [-0.45, 0.0, 1.5, -2.8, 0.0, 7.0, 0.0],  # sad
        [0.00, 3.5, 3.0, 0.0, 4.0, 4.0, 0.0],  # surprise
        [0.00, 0.0, 2.0, 0.0, 0.0, 8.0, 0.0],  # neutral
    ]
)
_PARAM_JITTER = np.array([0.12, 0.8, 0.35, 0.8, 0.5, 1.0, 0.8])


F32 = NDArray[np.float32]
EmotionData = tuple[F32, F32, F32, F32, F32]


def author_image_path() -> Path:
    """The photo of the book's chapter 4 "test your own image" example (192x172 RGB JPEG)."""
    return files_dir("images", "author_img.jpg")


def _soft(inside: NDArray[np.float64], sharpness: float = 2.0) -> NDArray[np.float64]:
    """Smooth 0..1 mask from a signed "inside" measure (positive inside)."""
    result: NDArray[np.float64] = 0.5 * (1.0 + np.tanh(sharpness * inside))
    return result


def _segment_distance(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    x0: NDArray[np.float64],
    y0: NDArray[np.float64],
    x1: NDArray[np.float64],
    y1: NDArray[np.float64],
) -> NDArray[np.float64]:
    dx, dy = x1 - x0, y1 - y0
    t = np.clip(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy + 1e-9), 0.0, 1.0)
    result: NDArray[np.float64] = np.hypot(x - (x0 + t * dx), y - (y0 + t * dy))
    return result


def render_faces(labels: NDArray[np.integer], rng: np.random.RandomState) -> NDArray[np.uint8]:
    """Draw one synthetic 48x48 face per label; uint8 [N, 48, 48]. Deterministic given ``rng``'s state."""
    n = len(labels)
    if n == 0:
        return np.zeros((0, IMAGE_SIZE, IMAGE_SIZE), dtype=np.uint8)

    def col(values: NDArray[np.float64]) -> NDArray[np.float64]:
        return values.reshape(n, 1, 1)

    params = _CLASS_PARAMS[labels] + rng.normal(size=(n, 7)) * _PARAM_JITTER
    brow_angle, brow_height, eye_open, curve, mouth_open, mouth_w, asym = (
        col(params[:, i]) for i in range(7)
    )
    eye_open = np.maximum(eye_open, 0.5)
    mouth_open = np.maximum(mouth_open, 0.0)
    mouth_w = np.maximum(mouth_w, 3.0)

    # Pose: the face coordinate frame is shifted, scaled and rotated relative to the pixel grid.
    shift_x, shift_y = col(rng.uniform(-3, 3, n)), col(rng.uniform(-3, 3, n))
    scale = col(rng.uniform(0.88, 1.12, n))
    theta = col(rng.normal(0.0, 0.10, n))
    grid = np.arange(IMAGE_SIZE, dtype=np.float64) - (IMAGE_SIZE - 1) / 2.0
    px, py = grid[None, None, :] - shift_x, grid[None, :, None] - shift_y
    cos, sin = np.cos(theta), np.sin(theta)
    x = (cos * px + sin * py) / scale
    y = (-sin * px + cos * py) / scale

    face_a, face_b = col(rng.uniform(15.5, 18.5, n)), col(rng.uniform(19.0, 22.0, n))
    face = _soft(1.0 - (x / face_a) ** 2 - (y / face_b) ** 2, 6.0)

    features = np.zeros_like(x)
    eye_y = col(rng.normal(-4.5, 0.6, n))
    eye_dx = col(rng.normal(7.0, 0.5, n))
    eye_rx = col(rng.uniform(2.3, 3.2, n))
    for side in (-1.0, 1.0):
        eye = _soft(1.0 - ((x - side * eye_dx) / eye_rx) ** 2 - ((y - eye_y) / eye_open) ** 2, 2.5)
        features = np.maximum(features, eye)
        # Brow: a segment above the eye; positive angle lowers the inner (nose-side) end.
        half = col(rng.uniform(3.5, 4.5, n))
        by = eye_y - eye_open - 2.5 - brow_height
        inner_x, outer_x = side * (eye_dx - half), side * (eye_dx + half)
        dy = half * np.tan(brow_angle)
        dist = _segment_distance(x, y, inner_x, by + dy, outer_x, by - dy)
        features = np.maximum(features, np.exp(-((dist / 1.1) ** 2)))

    mouth_y = col(rng.normal(9.5, 0.8, n))
    u = x / mouth_w
    # Corners (|u| = 1) sit `curve` px above the centre; asymmetry lifts one corner.
    line_y = mouth_y + curve * (1.0 - u**2) - 0.5 * asym * (u + 1.0) * 0.5 * (u + 1.0)
    line = np.exp(-(((y - line_y) / 1.0) ** 2)) * _soft(1.0 - np.abs(u), 8.0)
    opening = _soft(1.0 - (x / (0.75 * mouth_w + 0.5)) ** 2 - ((y - line_y) / (mouth_open + 1e-3)) ** 2, 2.0)
    opening = opening * (mouth_open > 0.3)
    features = np.maximum(features, np.maximum(line, opening))
    nose = np.exp(-(((x / 1.2) ** 2) + ((y - 2.0) / 3.0) ** 2))

    background = col(rng.uniform(20, 200, n)) + col(rng.normal(0, 25, n)) * (py / IMAGE_SIZE)
    skin = col(rng.uniform(110, 225, n)) + col(rng.normal(0, 15, n)) * (px / IMAGE_SIZE)
    dark = skin - col(rng.uniform(55, 105, n))
    image = background * (1.0 - face) + skin * face
    image = image - 0.25 * (skin - dark) * nose * face
    image = image * (1.0 - features * face) + dark * features * face
    image = image + rng.normal(0.0, 9.0, size=image.shape)
    result: NDArray[np.uint8] = np.clip(np.rint(image), 0, 255).astype(np.uint8)
    return result


def generate_faces(n: int, seed: int, chunk: int = 512) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """``n`` labelled synthetic faces: images uint8 [n, 48, 48], labels int64 [n]."""
    rng = np.random.RandomState(seed)
    labels = rng.choice(NUM_LABELS, size=n, p=CLASS_SHARES / CLASS_SHARES.sum()).astype(np.int64)
    images = np.concatenate(
        [render_faces(labels[i : i + chunk], rng) for i in range(0, n, chunk)]
        or [np.zeros((0, IMAGE_SIZE, IMAGE_SIZE), np.uint8)]
    )
    return images, labels


def _pixels_text(image: NDArray[np.uint8]) -> str:
    return " ".join(map(str, image.reshape(-1).tolist()))


def write_csvs(directory: Path, *, n_train: int, n_test: int, seed: int = GENERATOR_SEED) -> None:
    """Write synthetic ``train.csv`` (Emotion,Pixels) and ``test.csv`` (Pixels) in Kaggle's schema."""
    train_images, train_labels = generate_faces(n_train, seed)
    test_images, _ = generate_faces(n_test, seed + 1)
    train_lines = [f"{lab},{_pixels_text(img)}" for img, lab in zip(train_images, train_labels, strict=True)]
    test_lines = [_pixels_text(img) for img in test_images]
    for name, header, lines in (
        ("train.csv", "Emotion,Pixels", train_lines),
        ("test.csv", "Pixels", test_lines),
    ):
        atomic_write_bytes(directory / name, ("\n".join([header, *lines]) + "\n").encode("ascii"))


def synthetic_dir(root: PathLike | None = None, *, smoke: bool = False) -> Path:
    """Cache directory of the generated CSVs for this mode (under ``root`` or the tfmigrate cache)."""
    n_train, n_test = (SMOKE_TRAIN_ROWS, SMOKE_TEST_ROWS) if smoke else (BOOK_TRAIN_ROWS, BOOK_TEST_ROWS)
    base = Path(root) if root is not None else cache_root()
    return base / f"fer2013-synthetic-v{GENERATOR_VERSION}-s{GENERATOR_SEED}-{n_train}x{n_test}"


def ensure_data(data_dir: PathLike | None = None, *, smoke: bool = False) -> Path:
    """Directory holding ``train.csv``/``test.csv``: ``data_dir`` itself if it has them (real data), else the
    synthetic set for this mode, generated on first use (under ``data_dir`` if given, else the cache)."""
    if data_dir is not None:
        # The book's layout is data_dir="EmotionDetector/"; accept a parent directory holding that folder too.
        for given in (Path(data_dir), Path(data_dir) / "EmotionDetector"):
            if (given / "train.csv").is_file() and (given / "test.csv").is_file():
                return given
    directory = synthetic_dir(data_dir, smoke=smoke)
    if not ((directory / "train.csv").is_file() and (directory / "test.csv").is_file()):
        n_train, n_test = (SMOKE_TRAIN_ROWS, SMOKE_TEST_ROWS) if smoke else (BOOK_TRAIN_ROWS, BOOK_TEST_ROWS)
        directory.mkdir(parents=True, exist_ok=True)
        write_csvs(directory, n_train=n_train, n_test=n_test)
    return directory


def _read_csv(path: Path, limit: int | None) -> tuple[list[str] | None, NDArray[np.float64]]:
    """(Emotion column or None, pixels / 255.0 as float64 [N, 2304]) of a Kaggle-schema CSV."""
    emotions: list[str] = []
    pixels: list[NDArray[np.float64]] = []
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        if "Pixels" not in fields:
            raise ValueError(f"{path}: no Pixels column (columns {fields})")
        has_emotion = "Emotion" in fields
        for row in reader:
            if limit is not None and len(pixels) >= limit:
                break
            values = np.array(row["Pixels"].split(), dtype=np.float64)
            # The book's pandas dropna() drops incomplete rows; a short pixel list cannot form an image.
            if values.size != IMAGE_SIZE * IMAGE_SIZE or (has_emotion and not row["Emotion"]):
                continue
            pixels.append(values / 255.0)
            if has_emotion:
                emotions.append(row["Emotion"])
    stacked = np.vstack(pixels) if pixels else np.zeros((0, IMAGE_SIZE * IMAGE_SIZE))
    return (emotions if has_emotion else None), stacked


def read_data(data_dir: PathLike | None = None, *, smoke: bool = False, seed: int = 0) -> EmotionData:
    """(train_images, train_labels, valid_images, valid_labels, test_images) as the book's ``read_data``.

    Images float32 [N, 48, 48, 1] in [0, 1], labels one-hot float32 [N, 7]. ``seed`` seeds the shuffling
    permutation (the book: 0). With real CSVs in ``data_dir``, ``smoke`` keeps their first 300/60 rows.
    """
    directory = ensure_data(data_dir, smoke=smoke)
    limit_train, limit_test = (SMOKE_TRAIN_ROWS, SMOKE_TEST_ROWS) if smoke else (None, None)
    emotions, train_flat = _read_csv(directory / "train.csv", limit_train)
    if emotions is None:
        raise ValueError(f"{directory / 'train.csv'} has no Emotion column")
    labels = np.zeros((len(emotions), NUM_LABELS), dtype=np.float32)
    labels[np.arange(len(emotions)), [int(float(e)) for e in emotions]] = 1.0
    images = train_flat.reshape(-1, IMAGE_SIZE, IMAGE_SIZE, 1)
    permutation = np.random.RandomState(seed).permutation(images.shape[0])
    images, labels = images[permutation], labels[permutation]
    n_valid = int(images.shape[0] * VALIDATION_PERCENT)
    _, test_flat = _read_csv(directory / "test.csv", limit_test)
    return (
        images[n_valid:].astype(np.float32),
        labels[n_valid:],
        images[:n_valid].astype(np.float32),
        labels[:n_valid],
        test_flat.reshape(-1, IMAGE_SIZE, IMAGE_SIZE, 1).astype(np.float32),
    )


def split_sizes(n_train_rows: int) -> tuple[int, int]:
    """(train, validation) sizes the book's 10 % split gives for ``n_train_rows`` rows."""
    n_valid = int(n_train_rows * VALIDATION_PERCENT)
    return n_train_rows - n_valid, n_valid


__all__ = [
    "EMOTIONS",
    "author_image_path",
    "ensure_data",
    "generate_faces",
    "read_data",
    "split_sizes",
    "synthetic_dir",
    "write_csvs",
]
