# ch05_autoencoder.py: the book's fully connected sigmoid autoencoder on MNIST, 784-256-128-256-784
# (chapter 5, listing Seed A L5486-5573), as a TensorFlow 0.12 / Python 2 program: MNIST from
# tensorflow.examples.tutorials.mnist.input_data, tf.sub (the book writes `y_true - y_pred`, the same
# Sub op), tf.initialize_all_variables. Like the listing, this file also parses as Python 3, so it is
# converted as Python 3 code: print("Epoch:", ...) prints `Epoch: 0001 cost= 0.196781039` where Python 2
# printed the tuple of the book's output, ('Epoch:', '0001', 'cost=', '0.196781039').
# Listing fixes: the second `mnist = mnist_data.read_data_sets(...)` (an undefined module) is dropped,
# decoder_out's `tf.add((matmul, bias))` is the walkthrough's `tf.add(matmul, bias)`, and 4 test images
# are reconstructed (the listing's 10 overran its 2x4 grid of plots); their error is printed instead of
# plotted with matplotlib.
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

from chain.parity_support import GraphParityModel, random_normal, tensor_spec

learning_rate = 0.01
training_epochs = 10
batch_size = 256
display_step = 1
examples_to_show = 4
n_hidden_1 = 256 # 1st layer num features
n_hidden_2 = 128 # 2nd layer num features
n_input = 784 # MNIST data input (img shape: 28*28)


def autoencoder(X):
    weights = {
        'encoder_h1': tf.Variable\
            (tf.random_normal([n_input, n_hidden_1])),
        'encoder_h2': tf.Variable\
            (tf.random_normal([n_hidden_1, n_hidden_2])),
        'decoder_h1': tf.Variable\
            (tf.random_normal([n_hidden_2, n_hidden_1])),
        'decoder_h2': tf.Variable\
            (tf.random_normal([n_hidden_1, n_input])),
    }
    biases = {
        'encoder_b1': tf.Variable\
            (tf.random_normal([n_hidden_1])),
        'encoder_b2': tf.Variable\
            (tf.random_normal([n_hidden_2])),
        'decoder_b1': tf.Variable\
            (tf.random_normal([n_hidden_1])),
        'decoder_b2': tf.Variable\
            (tf.random_normal([n_input])),
    }
    encoder_in = tf.nn.sigmoid(tf.add\
        (tf.matmul(X, \
            weights['encoder_h1']), \
            biases['encoder_b1']))
    encoder_out = tf.nn.sigmoid(tf.add\
        (tf.matmul(encoder_in, \
            weights['encoder_h2']), \
            biases['encoder_b2']))
    decoder_in = tf.nn.sigmoid(tf.add\
        (tf.matmul(encoder_out, \
            weights['decoder_h1']), \
            biases['decoder_b1']))
    decoder_out = tf.nn.sigmoid(tf.add\
        (tf.matmul(decoder_in, \
            weights['decoder_h2']), \
            biases['decoder_b2']))
    return weights, biases, decoder_out


def main():
    mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

    X = tf.placeholder("float", [None, n_input])
    weights, biases, decoder_out = autoencoder(X)
    y_pred = decoder_out
    y_true = X
    cost = tf.reduce_mean(tf.pow(tf.sub(y_true, y_pred), 2))
    optimizer = tf.train.RMSPropOptimizer(learning_rate).minimize(cost)
    init = tf.initialize_all_variables()
    with tf.Session() as sess:
        sess.run(init)
        total_batch = int(mnist.train.num_examples/batch_size)

        for epoch in range(training_epochs):
            for i in range(total_batch):
                batch_xs, batch_ys = \
                    mnist.train.next_batch(batch_size)
                _, c = sess.run([optimizer, cost], \
                    feed_dict={X: batch_xs})

            if epoch % display_step == 0:
                print("Epoch:", '%04d' % (epoch+1),
                      "cost=", "{:.9f}".format(c))
        print("Optimization Finished!")
        encode_decode = sess.run(
            y_pred, feed_dict=\
            {X: mnist.test.images[:examples_to_show]})
        print("Test images shown, mean squared error:",
              np.mean((encode_decode - mnist.test.images[:examples_to_show]) ** 2))


class Autoencoder(GraphParityModel):
    """Batches {"X": [N, 784] in [0, 1]}; forward gives the reconstruction y_pred; weights are named
    "weights/<key>" and "biases/<key>" after the book's two dictionaries."""

    spec = {"X": tensor_spec([n_input])}
    learning_rate = learning_rate

    def draw(self, rng):
        shapes = {"weights/encoder_h1": [n_input, n_hidden_1], "weights/encoder_h2": [n_hidden_1, n_hidden_2],
                  "weights/decoder_h1": [n_hidden_2, n_hidden_1], "weights/decoder_h2": [n_hidden_1, n_input],
                  "biases/encoder_b1": [n_hidden_1], "biases/encoder_b2": [n_hidden_2],
                  "biases/decoder_b1": [n_hidden_1], "biases/decoder_b2": [n_input]}
        weights = {}
        for name in sorted(shapes):
            weights[name] = random_normal(rng, shapes[name])
        return weights

    def build(self):
        X = tf.placeholder("float", [None, n_input])
        weights, biases, y_pred = autoencoder(X)
        cost = tf.reduce_mean(tf.pow(tf.sub(X, y_pred), 2))
        variables = {}
        for key in weights:
            variables["weights/" + key] = weights[key]
        for key in biases:
            variables["biases/" + key] = biases[key]
        return {"inputs": {"X": X}, "variables": variables, "output": y_pred, "loss": cost}

    def optimizer(self, learning_rate):
        return tf.train.RMSPropOptimizer(learning_rate)


def parity_model():
    return Autoencoder()


if __name__ == "__main__":
    main()
