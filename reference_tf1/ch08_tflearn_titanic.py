"""ch08_tflearn_titanic — TFLearn DNN for Titanic survival (Seed A L8854-8988, listing L8994-9025).

The book loads `titanic_dataset.csv` with `tflearn.data_utils.load_csv(target_column=0,
categorical_labels=True, n_classes=2)`, drops the `name` and `ticket` columns, turns `sex` into 1.0 (female)
/ 0.0, and trains `input_data([None, 6]) -> fully_connected(32) -> fully_connected(32) ->
fully_connected(2, activation='softmax') -> regression()` wrapped in `tflearn.DNN` for 10 epochs of batch 16
(`show_metric=True`), then evaluates on the training data: `Accuracy: [0.78456837289473591]` (L8987).

TFLearn (tflearn 0.5.0, TF1/contrib era) is not installed; its layers are re-expressed in tf.compat.v1 with
tflearn's defaults, read from its source and pinned here:
* `fully_connected(n)`: activation **'linear'** (so the two hidden layers are linear), weights
  `truncated_normal` stddev 0.02, bias zeros, no regulariser (weight_decay only applies with one).
  Variables are named as tflearn names them: FullyConnected/W, FullyConnected/b, FullyConnected_1/W, ...
* `regression()`: optimizer 'adam' = `tf.train.AdamOptimizer(0.001, beta1=0.9, beta2=0.999, epsilon=1e-8)`,
  loss 'categorical_crossentropy' computed from the softmax output as tflearn does: probabilities
  renormalised to sum 1, clipped to [1e-10, 1 - 1e-10], -sum(y * log p) per row, batch mean; metric accuracy.
* `DNN.fit(n_epoch=10, batch_size=16)`: reshuffles the samples every epoch and walks them in batches of 16
  (82 steps per epoch, the last one 13 samples); `evaluate(data, labels, batch_size=16)` = accuracy over
  all samples.
The per-epoch line imitates tflearn's log; its loss/acc are the epoch's mean batch values (tflearn printed
running averages, so the numbers are comparable but not the same statistic).

Listing defects fixed: missing `import numpy as np` / `import tflearn`; the download
(`titanic.download_dataset`) is replaced by the CSV shipped in `tfmigrate.book.data.titanic`; the
builtin `id` is not shadowed.
`config.steps` overrides the number of epochs.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._parity import GraphModel, GraphParityModel
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


def preprocess(data: list[list[str]], columns_to_ignore: list[int]) -> np.ndarray:
    """The book's preprocessing: drop columns (highest index first), sex -> 1.0 if female, to float32."""
    for column in sorted(columns_to_ignore, reverse=True):  # book: `for id in ...` shadows the builtin
        for row in data:
            row.pop(column)
    for i in range(len(data)):
        data[i][1] = 1.0 if data[i][1] == "female" else 0.0
    return np.array(data, dtype=np.float32)


def categorical_crossentropy(y_pred: tf.Tensor, y_true: tf.Tensor) -> tf.Tensor:
    """tflearn's objective for a softmax output: renormalise, clip to [eps, 1-eps], mean of -sum(y log p)."""
    y_pred = y_pred / tf.reduce_sum(y_pred, axis=-1, keepdims=True)
    y_pred = tf.clip_by_value(y_pred, EPSILON, 1.0 - EPSILON)
    return tf.reduce_mean(-tf.reduce_sum(y_true * tf.math.log(y_pred), axis=-1))


def build(weights: Mapping[str, np.ndarray] | None, learning_rate: float | tf.Tensor) -> GraphModel:
    """input_data -> fully_connected(32) x 2 -> fully_connected(2, softmax) -> regression()."""
    net = tf.compat.v1.placeholder(tf.float32, [None, 6], name="InputData/X")
    variables: dict[str, tf.Variable] = {}
    for k, (scope, n_in, n_out) in enumerate(LAYERS):
        with tf.compat.v1.variable_scope(scope):
            w_init = (
                tf.compat.v1.truncated_normal_initializer(stddev=INIT_STDDEV)
                if weights is None
                else tf.compat.v1.constant_initializer(weights[f"{scope}/W"])
            )
            b_init = (
                tf.compat.v1.zeros_initializer()
                if weights is None
                else tf.compat.v1.constant_initializer(weights[f"{scope}/b"])
            )
            W = tf.compat.v1.get_variable("W", [n_in, n_out], tf.float32, initializer=w_init)
            b = tf.compat.v1.get_variable("b", [n_out], tf.float32, initializer=b_init)
        variables[f"{scope}/W"], variables[f"{scope}/b"] = W, b
        net = tf.matmul(net, W) + b  # tflearn's default activation is 'linear'
        if k == len(LAYERS) - 1:
            net = tf.nn.softmax(net)
    inputs = tf.compat.v1.get_default_graph().get_tensor_by_name("InputData/X:0")
    targets = tf.compat.v1.placeholder(tf.float32, [None, 2], name="TargetsData/Y")
    loss = categorical_crossentropy(net, targets)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(net, 1), tf.argmax(targets, 1)), tf.float32))
    optimizer = tf.compat.v1.train.AdamOptimizer(learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8)
    train_op = optimizer.minimize(loss)
    return GraphModel(
        inputs={"x": inputs, "y": targets},
        variables=variables,
        output=net,
        loss=loss,
        train_op=train_op,
        extra={"accuracy": accuracy},
    )


def run(config: RunConfig) -> Metrics:
    data, labels = titanic.load_csv(
        config.data_dir / "titanic_dataset.csv" if config.data_dir else None,
        target_column=0,
        categorical_labels=True,
        n_classes=2,
    )
    features = preprocess(data, TO_IGNORE)
    n_epoch = config.steps if config.steps is not None else (SMOKE_EPOCHS if config.smoke else N_EPOCH)
    rng = np.random.RandomState(config.seed)  # tflearn shuffled with numpy's global generator

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        handles = build(None, LEARNING_RATE)
        init = tf.compat.v1.global_variables_initializer()
    x, y = handles.inputs["x"], handles.inputs["y"]
    n = len(features)
    print("---------------------------------")
    print(f"Training samples: {n}")
    print("Validation samples: 0")
    history: list[tuple[float, float]] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        step = 0
        for epoch in range(1, n_epoch + 1):
            order = rng.permutation(n)
            losses, accuracies = [], []
            for start in range(0, n, BATCH_SIZE):
                batch = order[start : start + BATCH_SIZE]
                _, loss, acc = sess.run(
                    [handles.train_op, handles.loss, handles.extra["accuracy"]],
                    {x: features[batch], y: labels[batch]},
                )
                losses.append(loss)
                accuracies.append(acc)
                step += 1
            mean_loss, mean_acc = float(np.mean(losses)), float(np.mean(accuracies))
            history.append((mean_loss, mean_acc))
            print("--")
            print(f"Training Step: {step}  | total loss: {mean_loss:.5f}")
            print(
                f"| Adam | epoch: {epoch:03d} | loss: {mean_loss:.5f} - acc: {mean_acc:.4f} -- iter: {n}/{n}"
            )
        # model.evaluate(data, labels, batch_size=16): accuracy over every sample of the training data.
        correct = 0.0
        for start in range(0, n, BATCH_SIZE):
            chunk = slice(start, start + BATCH_SIZE)
            acc = sess.run(handles.extra["accuracy"], {x: features[chunk], y: labels[chunk]})
            correct += float(acc) * len(features[chunk])
    accuracy = correct / n
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
    """tflearn's defaults: truncated normal (stddev 0.02) weights, zero biases."""
    weights: Weights = {}
    for scope, n_in, n_out in LAYERS:
        weights[f"{scope}/W"] = truncated_normal(rng, [n_in, n_out], INIT_STDDEV)
        weights[f"{scope}/b"] = np.zeros(n_out, np.float32)
    return weights


def parity_model() -> GraphParityModel:
    return GraphParityModel(
        spec={
            # pclass, sex, age, sibsp, parch, fare are unnormalised; a [0, 3] box keeps the softmax tame.
            "x": TensorSpec((6,), low=0.0, high=3.0),
            "y": TensorSpec((2,), kind="one_hot", depth=2),
        },
        draw_weights=initial_weights,
        build=build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch08_tflearn_titanic",
        "TFLearn DNN (32-32-2 softmax, Adam) predicting Titanic survival",
        run,
        parity_model=parity_model,
        missing="tflearn (TF1/contrib era) re-implemented in tf.compat.v1 with its defaults pinned",
    ),
)
