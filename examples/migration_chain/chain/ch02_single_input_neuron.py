# ch02_single_input_neuron.py: the book's single-input neuron (chapter 2, Seed A L1929-2092) in the
# TensorFlow 0.12 dialect of its walkthrough: tf.mul, tf.scalar_summary, tf.merge_all_summaries,
# tf.train.SummaryWriter, tf.initialize_all_variables. Python 2.
import numpy as np
import tensorflow as tf

from chain.parity_support import GraphParityModel, tensor_spec

LEARNING_RATE = 0.025


def neuron(input_value, expected_output):
    weight = tf.Variable(1.0, name="weight")
    model = tf.mul(input_value, weight, "model")
    loss_function = tf.pow(expected_output - model, 2, name="loss_function")
    return weight, model, loss_function


def main():
    input_value = tf.constant(0.5, name="input_value")
    expected_output = tf.constant(0.0, name="expected_output")
    weight, model, loss_function = neuron(input_value, expected_output)
    optimizer = tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(loss_function)

    for value in [input_value, weight, expected_output, model, loss_function]:
        tf.scalar_summary(value.op.name, value)
    summaries = tf.merge_all_summaries()

    sess = tf.Session()
    summary_writer = tf.train.SummaryWriter('log_simple_stats', sess.graph)
    sess.run(tf.initialize_all_variables())
    for i in xrange(100):
        summary_writer.add_summary(sess.run(summaries), i)
        sess.run(optimizer)
    print "weight after 100 steps:", sess.run(weight)


class SingleInputNeuron(GraphParityModel):
    """A batch holds N (input_value, expected_output) pairs; the loss is the sum of their N losses,
    which is what minimize() does with the book's per-pair loss_function."""

    spec = {"input_value": tensor_spec([], -1.0, 1.0), "expected_output": tensor_spec([], -1.0, 1.0)}
    learning_rate = LEARNING_RATE

    def draw(self, rng):
        return {"w": np.float32(1.0)}

    def build(self):
        input_value = tf.placeholder(tf.float32, [None], name="input_value")
        expected_output = tf.placeholder(tf.float32, [None], name="expected_output")
        weight, model, loss_function = neuron(input_value, expected_output)
        return {
            "inputs": {"input_value": input_value, "expected_output": expected_output},
            "variables": {"w": weight},
            "output": model,
            "loss": tf.reduce_sum(loss_function),
            "objective": loss_function,
        }

    def optimizer(self, learning_rate):
        return tf.train.GradientDescentOptimizer(learning_rate)


def parity_model():
    return SingleInputNeuron()


if __name__ == "__main__":
    main()
