"""ch08_tflearn_titanic: the TFLearn DNN for Titanic survival (Seed A L8854-8988, listing L8994-9025), as
plain Keras 3 with a tf.function training step. Spec: reference_tf1/ch08_tflearn_titanic.py.

The book's `input_data([None, 6]) -> fully_connected(32) -> fully_connected(32) -> fully_connected(2,
activation='softmax') -> regression()` in a `tflearn.DNN`, fitted 10 epochs with batches of 16, then
evaluated on the training data, becomes a `keras.Sequential` with TFLearn's defaults pinned (tflearn, a
TF1/contrib-era library, is not installed; the reference re-implements it in TF1 graph code the same way):
* fully_connected(n): activation 'linear' (so the two hidden layers ARE linear), weights
  TruncatedNormal(stddev 0.02) (cut at 2 sigma, like TF1's truncated_normal), zero biases, no regulariser;
* regression(): Adam(learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-8 -- Keras' default is 1e-7)
  and TFLearn's categorical_crossentropy on the softmax OUTPUT: probabilities renormalised to sum 1,
  clipped to [1e-10, 1 - 1e-10], -sum(y log p) per row, batch mean (`tflearn_crossentropy`; Keras'
  categorical_crossentropy would clip at 1e-7 or use the logits);
* DNN.fit(n_epoch=10, batch_size=16): each epoch reshuffles the samples (numpy RandomState(seed), as the
  reference, so both trees see the same batches) and a tf.data pipeline serves 82 batches (the last of 13);
  the per-epoch line imitates TFLearn's log (mean batch loss/accuracy, as the reference prints);
  `evaluate(data, labels, batch_size=16)` = the accuracy over every training sample.
Preprocessing as the book: drop `name` and `ticket`, sex -> 1.0 if female, float32 (from the CSV shipped in
tfmigrate.book.data.titanic instead of the download). jit_compile: off (`JIT_COMPILE`): measured 0.88 vs
0.97 ms per batch of 16 with XLA, not worth its extra 0.6 s of compilation in a 820-step run.
`config.steps` overrides the number of epochs.

WEIGHT MAPPING (reference / TFLearn name -> Keras 3 variable; same layouts): "FullyConnected/W" [6, 32] ->
layer "FullyConnected".kernel, "FullyConnected/b" -> .bias; likewise "FullyConnected_1" [32, 32] and
"FullyConnected_2" [32, 2].
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import titanic
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

N_EPOCH = 10
BATCH_SIZE = 16
LEARNING_RATE = 0.001  # tflearn regression() default
EPSILON = 1e-10  # tflearn config._EPSILON, the clip of categorical_crossentropy
INIT_STDDEV = 0.02  # tflearn initializations.truncated_normal default
LAYERS = (("FullyConnected", 6, 32), ("FullyConnected_1", 32, 32), ("FullyConnected_2", 32, 2))
SMOKE_EPOCHS = 3
TO_IGNORE = [1, 6]  # name and ticket, counted after load_csv removed the target column
JIT_COMPILE = False


def preprocess(data: list[list[Any]], columns_to_ignore: list[int]) -> np.ndarray:
    """The book's preprocessing: drop columns (highest index first), sex -> 1.0 if female, to float32."""
    for column in sorted(columns_to_ignore, reverse=True):
        for row in data:
            row.pop(column)
    for i in range(len(data)):
        data[i][1] = 1.0 if data[i][1] == "female" else 0.0
    return np.array(data, dtype=np.float32)


def build_model(seed: int | None = None) -> keras.Sequential:
    """input_data([None, 6]) -> fully_connected(32) x 2 (linear) -> fully_connected(2, softmax)."""
    layers: list[Any] = [keras.Input((6,), name="InputData")]
    for k, (scope, _, n_out) in enumerate(LAYERS):
        layers.append(
            keras.layers.Dense(
                n_out,
                activation="softmax" if k == len(LAYERS) - 1 else "linear",  # tflearn's default is 'linear'
                kernel_initializer=keras.initializers.TruncatedNormal(
                    stddev=INIT_STDDEV, seed=None if seed is None else seed + k
                ),
                bias_initializer="zeros",
                name=scope,
            )
        )
    return keras.Sequential(layers, name="DNN")


def tflearn_crossentropy(y_pred: tf.Tensor, y_true: tf.Tensor) -> tf.Tensor:
    """TFLearn's objective for a softmax output: renormalise, clip to [eps, 1-eps], mean of -sum(y log p)."""
    y_pred = y_pred / tf.reduce_sum(y_pred, axis=-1, keepdims=True)
    y_pred = tf.clip_by_value(y_pred, EPSILON, 1.0 - EPSILON)
    return tf.reduce_mean(-tf.reduce_sum(y_true * tf.math.log(y_pred), axis=-1))


def accuracy_of(y_pred: tf.Tensor, y_true: tf.Tensor) -> tf.Tensor:
    return tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y_pred, 1), tf.argmax(y_true, 1)), tf.float32))


def make_optimizer(learning_rate: float) -> keras.optimizers.Optimizer:
    """tflearn's 'adam': tf.train.AdamOptimizer(lr, beta1=0.9, beta2=0.999, epsilon=1e-8)."""
    return adam(learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8)


def make_train_step(model: keras.Model, learning_rate: float) -> Any:
    """One Adam step as a tf.function (any batch size: the last batch of an epoch has 13 rows)."""
    optimizer = make_optimizer(learning_rate)
    variables = model.trainable_variables
    optimizer.build(variables)
    signature = [tf.TensorSpec([None, 6], tf.float32), tf.TensorSpec([None, 2], tf.float32)]

    @tf.function(input_signature=signature, jit_compile=JIT_COMPILE)
    def train_step(x: tf.Tensor, y: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        with tf.GradientTape() as tape:
            y_pred = model(x, training=True)
            loss = tflearn_crossentropy(y_pred, y)
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        return loss, accuracy_of(y_pred, y)

    return train_step


def run(config: RunConfig) -> Metrics:
    data, labels = titanic.load_csv(
        config.data_dir / "titanic_dataset.csv" if config.data_dir else None,
        target_column=0,
        categorical_labels=True,
        n_classes=2,
    )
    features = preprocess(data, TO_IGNORE)
    labels = np.asarray(labels, np.float32)
    n_epoch = config.steps if config.steps is not None else (SMOKE_EPOCHS if config.smoke else N_EPOCH)
    rng = np.random.RandomState(config.seed)  # tflearn shuffled with numpy's global generator
    keras.utils.set_random_seed(config.seed)
    model = build_model(seed=config.seed)
    train_step = make_train_step(model, LEARNING_RATE)
    n = len(features)
    print("---------------------------------")
    print(f"Training samples: {n}")
    print("Validation samples: 0")
    history: list[tuple[float, float]] = []
    step = 0
    for epoch in range(1, n_epoch + 1):
        order = rng.permutation(n)
        batches = tf.data.Dataset.from_tensor_slices((features[order], labels[order])).batch(BATCH_SIZE)
        losses, accuracies = [], []
        for x, y in batches:
            loss, acc = train_step(x, y)
            losses.append(float(loss))
            accuracies.append(float(acc))
            step += 1
        mean_loss, mean_acc = float(np.mean(losses)), float(np.mean(accuracies))
        history.append((mean_loss, mean_acc))
        print("--")
        print(f"Training Step: {step}  | total loss: {mean_loss:.5f}")
        print(f"| Adam | epoch: {epoch:03d} | loss: {mean_loss:.5f} - acc: {mean_acc:.4f} -- iter: {n}/{n}")
    # model.evaluate(data, labels, batch_size=16): accuracy over every sample of the training data.
    predictions = model.predict(features, batch_size=BATCH_SIZE, verbose=0)
    accuracy = float(np.mean(np.argmax(predictions, 1) == np.argmax(labels, 1)))
    print("Accuracy: ", [accuracy])
    majority = float(np.max(labels.mean(axis=0)))
    return {
        "training_samples": n,
        "steps": step,
        "epoch_loss": [h[0] for h in history],
        "epoch_accuracy": [h[1] for h in history],
        "accuracy": accuracy,
        "majority_class_rate": majority,
    }


def initial_weights(rng: np.random.Generator) -> Weights:
    """TFLearn's defaults, drawn as the reference draws them: truncated normal (0.02) weights, zero biases."""
    weights: Weights = {}
    for scope, n_in, n_out in LAYERS:
        weights[f"{scope}/W"] = truncated_normal(rng, [n_in, n_out], INIT_STDDEV)
        weights[f"{scope}/b"] = np.zeros(n_out, np.float32)
    return weights


def _parity_build(learning_rate: float | None) -> EagerModel:
    """Softmax output, TFLearn's clipped cross-entropy, TF1's Adam steps (run()'s train step)."""
    model = build_model()
    step = make_train_step(model, LEARNING_RATE if learning_rate is None else learning_rate)
    variables: dict[str, Any] = {}
    for scope, _, _ in LAYERS:
        layer = model.get_layer(scope)
        variables[f"{scope}/W"], variables[f"{scope}/b"] = layer.kernel, layer.bias

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        y_pred = model(batch["x"], training=False)
        return y_pred, tflearn_crossentropy(y_pred, batch["y"])

    return EagerModel(
        variables=variables,
        output_and_loss=output_and_loss,
        train_step=lambda batch: step(batch["x"], batch["y"]),
        model=model,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks: the Keras layers' kernels/biases under TFLearn's names "<scope>/W", "<scope>/b"."""
    return EagerParityModel(
        spec={"x": TensorSpec((6,), low=0.0, high=3.0), "y": TensorSpec((2,), kind="one_hot", depth=2)},
        draw_weights=initial_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "ch08_tflearn_titanic",
        "TFLearn DNN (32-32-2 softmax, Adam) predicting Titanic survival",
        run,
        parity_model=parity_model,
        missing="tflearn (TF1/contrib era) expressed as keras.Sequential with its defaults pinned",
        tags=("ch08", "tflearn", "titanic"),
        migration=(
            "tflearn input_data/fully_connected(linear default, truncated_normal 0.02)/regression(adam) + "
            "DNN.fit(n_epoch=10, batch_size=16)",
            "keras.Sequential (linear Dense, TruncatedNormal(0.02)), TFLearn's clipped cross-entropy, "
            "TF1's Adam (epsilon 1e-8, float32 betas) in a tf.function step over tf.data batches",
        ),
    ),
)
