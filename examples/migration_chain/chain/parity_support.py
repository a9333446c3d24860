# parity_support.py: what the chain's parity hooks share, written for TensorFlow 0.12 like the
# example modules. Python 2 and Python 3 both read this file.
"""Run one of the book's models on given weights and batches, each call in a fresh graph and session.

An example module subclasses GraphParityModel and defines:

  spec           input name -> TensorSpec (shape without the batch dimension, value domain)
  learning_rate  the example's own learning rate
  draw(rng)      initial weights drawn like the book's initialisers (numpy arrays by canonical name)
  build()        the book's graph in the default graph; returns a dict with "inputs" (batch name ->
                 placeholder), "variables" (canonical name -> variable), "output", "loss", and
                 optionally "objective" (what the optimizer minimizes, when it is not "loss") and
                 "feed" (what switches randomness off, e.g. {keep_prob: 1.0})
  optimizer(lr)  the book's optimizer for a learning-rate tensor

The model keeps the book's own initialisers; the given weights are loaded with tf.assign after
tf.initialize_all_variables(), as one restores weights into any graph.
"""
import collections

import numpy as np
import tensorflow as tf

TensorSpec = collections.namedtuple("TensorSpec", ["shape", "dtype", "kind", "low", "high", "depth"])


def tensor_spec(shape, low=0.0, high=1.0):
    return TensorSpec(tuple(shape), "float32", "real", low, high, 0)


def one_hot_spec(depth):
    return TensorSpec((depth,), "float32", "one_hot", 0.0, 1.0, depth)


def truncated_normal(rng, shape, stddev):
    """Like tf.truncated_normal: draws beyond two standard deviations are drawn again."""
    values = rng.normal(0.0, stddev, size=shape)
    outside = np.abs(values) > 2 * stddev
    while outside.any():
        values[outside] = rng.normal(0.0, stddev, size=outside.sum())
        outside = np.abs(values) > 2 * stddev
    return values.astype(np.float32)


def random_normal(rng, shape, stddev=1.0):
    return rng.normal(0.0, stddev, size=shape).astype(np.float32)


def random_uniform(rng, shape, minval, maxval):
    return rng.uniform(minval, maxval, size=shape).astype(np.float32)


class GraphParityModel(object):
    spec = {}
    learning_rate = None

    def batch_spec(self):
        return dict(self.spec)

    def initial_weights(self, seed):
        return self.draw(np.random.RandomState(seed))

    def learning_rates(self, count):
        """The example's own rate for each of `count` consecutive training batches."""
        return [self.learning_rate] * count

    def minimize(self, objective, learning_rate):
        return self.optimizer(learning_rate).minimize(objective)

    def _start(self, weights, train=False):
        graph = tf.Graph()
        with graph.as_default():
            model = self.build()
            names = sorted(model["variables"])
            if names != sorted(weights):
                raise KeyError("weights %s do not match the model's %s" % (sorted(weights), names))
            if train:
                model["lr"] = tf.placeholder(tf.float32, [])
                model["train_op"] = self.minimize(model.get("objective", model["loss"]), model["lr"])
            init = tf.initialize_all_variables()
            load = [tf.assign(model["variables"][name], weights[name]) for name in names]
        sess = tf.Session(graph=graph)
        sess.run(init)
        sess.run(load)
        return sess, model

    def _feed(self, model, batch):
        feed = dict(model.get("feed", {}))
        for name in model["inputs"]:
            feed[model["inputs"][name]] = np.asarray(batch[name], dtype=self.spec[name].dtype)
        return feed

    def forward(self, weights, batch):
        sess, model = self._start(weights)
        try:
            return sess.run(model["output"], feed_dict=self._feed(model, batch))
        finally:
            sess.close()

    def loss(self, weights, batch):
        sess, model = self._start(weights)
        try:
            return float(sess.run(model["loss"], feed_dict=self._feed(model, batch)))
        finally:
            sess.close()

    def gradients(self, weights, batch):
        sess, model = self._start(weights)
        try:
            names = sorted(model["variables"])
            with sess.graph.as_default():
                grads = tf.gradients(model["loss"], [model["variables"][name] for name in names])
            values = sess.run(grads, feed_dict=self._feed(model, batch))
            return dict(zip(names, values))
        finally:
            sess.close()

    def train_steps(self, weights, batches, learning_rate=None):
        sess, model = self._start(weights, train=True)
        try:
            if learning_rate is None:
                rates = self.learning_rates(len(batches))
            else:
                rates = [learning_rate] * len(batches)
            for batch, rate in zip(batches, rates):
                feed = self._feed(model, batch)
                feed[model["lr"]] = rate
                sess.run(model["train_op"], feed_dict=feed)
            names = sorted(model["variables"])
            values = sess.run([model["variables"][name] for name in names])
            return dict(zip(names, values))
        finally:
            sess.close()
