# ch06_rnn_lstm_mnist.py: the book's LSTM MNIST classifier (chapter 6, listing Seed A L6923-6997) as a
# TensorFlow 0.12 program: `from tensorflow.python.ops import rnn, rnn_cell` (where the listing's
# rnn_cell.BasicLSTMCell and rnn.rnn come from in 0.12), the 0.x order tf.split(0, n_steps, x), positional
# softmax_cross_entropy_with_logits(pred, y), MNIST from tensorflow.examples.tutorials.mnist.input_data,
# tf.initialize_all_variables. Listing fixes: the never-imported rnn_cell, and the `New: cost =` line
# pasted from a tf_upgrade report. Like the listing, this file also parses as Python 3, so it is
# converted as Python 3 code.
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data
from tensorflow.python.ops import rnn, rnn_cell

from chain.parity_support import GraphParityModel, one_hot_spec, random_normal, random_uniform, tensor_spec

learning_rate = 0.001
training_iters = 100000
batch_size = 128
display_step = 10

n_input = 28
n_steps = 28
n_hidden = 128
n_classes = 10


def make_variables():
    weights = {
        'out': tf.Variable(tf.random_normal([n_hidden, n_classes]))
    }
    biases = {
        'out': tf.Variable(tf.random_normal([n_classes]))
    }
    return weights, biases


def RNN(x, weights, biases):
    x = tf.transpose(x, [1, 0, 2])
    x = tf.reshape(x, [-1, n_input])
    x = tf.split(0, n_steps, x)
    lstm_cell = rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
    outputs, states = rnn.rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights['out']) + biases['out']


def loss(pred, y):
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(pred, y))


def main():
    mnist = input_data.read_data_sets("/tmp/data/", one_hot=True)

    x = tf.placeholder("float", [None, n_steps, n_input])
    y = tf.placeholder("float", [None, n_classes])
    weights, biases = make_variables()
    pred = RNN(x, weights, biases)
    cost = loss(pred, y)
    optimizer = tf.train.AdamOptimizer\
        (learning_rate=learning_rate).minimize(cost)

    correct_pred = tf.equal(tf.argmax(pred,1), tf.argmax(y,1))
    accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))

    init = tf.initialize_all_variables()
    with tf.Session() as sess:
        sess.run(init)
        step = 1
        while step * batch_size < training_iters:
            batch_x, batch_y = mnist.train.next_batch(batch_size)
            batch_x = batch_x.reshape((batch_size, n_steps, n_input))
            sess.run(optimizer, feed_dict={x: batch_x, y: batch_y})
            if step % display_step == 0:
                acc = sess.run(accuracy, feed_dict={x: batch_x, y: batch_y})
                loss_value = sess.run(cost, feed_dict={x: batch_x, y: batch_y})
                print("Iter "+str(step*batch_size) + ", Minibatch Loss= "+\
                      "{:.6f}".format(loss_value) + ", Training Accuracy= " + \
                      "{:.5f}".format(acc))
            step += 1
        print("Optimization Finished!")

        test_len = 128
        test_data = mnist.test.images[:test_len].reshape((-1,n_steps, n_input))
        test_label = mnist.test.labels[:test_len]
        print("Testing Accuracy:",\
              sess.run(accuracy, feed_dict={x: test_data, y: test_label}))


class RnnLstmMnist(GraphParityModel):
    """Batches {"x": [N, 28, 28] (28 time steps of 28 pixels), "y": one-hot [N, 10]}; forward gives pred.

    The cell's two variables (TensorFlow 0.12 names them RNN/BasicLSTMCell/Linear/Matrix and .../Bias,
    later versions rnn/basic_lstm_cell/kernel and .../bias) go by the later names: the kernel
    [28 + 128, 4 * 128] multiplies [x_t, h_{t-1}], its columns are the gates i, j, f, o.
    """

    spec = {"x": tensor_spec([n_steps, n_input]), "y": one_hot_spec(n_classes)}
    learning_rate = learning_rate

    def draw(self, rng):
        # The kernel as TensorFlow 0.12's get_variable drew it by default (uniform_unit_scaling_initializer).
        limit = np.sqrt(3.0 / (n_input + n_hidden))
        return {
            "rnn/basic_lstm_cell/kernel": random_uniform(rng, [n_input + n_hidden, 4 * n_hidden], -limit, limit),
            "rnn/basic_lstm_cell/bias": np.zeros([4 * n_hidden], np.float32),
            "weights_out": random_normal(rng, [n_hidden, n_classes]),
            "biases_out": random_normal(rng, [n_classes]),
        }

    def build(self):
        x = tf.placeholder("float", [None, n_steps, n_input])
        y = tf.placeholder("float", [None, n_classes])
        weights, biases = make_variables()
        pred = RNN(x, weights, biases)
        variables = {"weights_out": weights['out'], "biases_out": biases['out']}
        for var in tf.trainable_variables():
            if var.name in (weights['out'].name, biases['out'].name):
                continue
            if len(var.get_shape()) == 2:
                variables["rnn/basic_lstm_cell/kernel"] = var
            else:
                variables["rnn/basic_lstm_cell/bias"] = var
        return {"inputs": {"x": x, "y": y}, "variables": variables, "output": pred, "loss": loss(pred, y)}

    def optimizer(self, learning_rate):
        return tf.train.AdamOptimizer(learning_rate=learning_rate)


def parity_model():
    return RnnLstmMnist()


if __name__ == "__main__":
    main()
