# ch03_five_layer_relu_dropout.py: the book's five-layer ReLU network with dropout after every hidden
# layer (chapter 3, listing Seed A L3637-3725) as a TensorFlow 0.12 / Python 2 program:
# tf.nn.dropout(Y1, pkeep) with a keep probability, positional
# softmax_cross_entropy_with_logits(Ylogits, Y_), tf.scalar_summary, tf.merge_all_summaries,
# tf.train.SummaryWriter, tf.initialize_all_variables, print statements, and the stepped learning rate
# of Python 2's integer division (-i/decay_speed).
# Listing quirks fixed: training ran after the `with tf.Session()` block had closed, and
# `print "Epoch: "` sat inside the batch loop. The book evaluates with pkeep 0.75, as here.
import math

import numpy as np
import tensorflow as tf

import mnist_data
from chain.parity_support import GraphParityModel, one_hot_spec, tensor_spec, truncated_normal

logs_path = 'log_simple_stats_5_lyers_dropout'
batch_size = 100
learning_rate = 0.5
training_epochs = 10

L = 200
M = 100
N = 60
O = 30


def five_layers_relu_dropout(X, pkeep):
    W1 = tf.Variable(tf.truncated_normal([784, L], stddev=0.1))
    B1 = tf.Variable(tf.ones([L])/10)
    W2 = tf.Variable(tf.truncated_normal([L, M], stddev=0.1))
    B2 = tf.Variable(tf.ones([M])/10)
    W3 = tf.Variable(tf.truncated_normal([M, N], stddev=0.1))
    B3 = tf.Variable(tf.ones([N])/10)
    W4 = tf.Variable(tf.truncated_normal([N, O], stddev=0.1))
    B4 = tf.Variable(tf.ones([O])/10)
    W5 = tf.Variable(tf.truncated_normal([O, 10], stddev=0.1))
    B5 = tf.Variable(tf.zeros([10]))

    # The model, with dropout at each layer
    XX = tf.reshape(X, [-1, 28*28])

    Y1 = tf.nn.relu(tf.matmul(XX, W1) + B1)
    Y1d = tf.nn.dropout(Y1, pkeep)

    Y2 = tf.nn.relu(tf.matmul(Y1d, W2) + B2)
    Y2d = tf.nn.dropout(Y2, pkeep)

    Y3 = tf.nn.relu(tf.matmul(Y2d, W3) + B3)
    Y3d = tf.nn.dropout(Y3, pkeep)

    Y4 = tf.nn.relu(tf.matmul(Y3d, W4) + B4)
    Y4d = tf.nn.dropout(Y4, pkeep)

    Ylogits = tf.matmul(Y4d, W5) + B5
    variables = {"W1": W1, "B1": B1, "W2": W2, "B2": B2, "W3": W3, "B3": B3,
                 "W4": W4, "B4": B4, "W5": W5, "B5": B5}
    return variables, Ylogits


def loss(Ylogits, Y_):
    cross_entropy = tf.nn.softmax_cross_entropy_with_logits(Ylogits, Y_)
    cross_entropy = tf.reduce_mean(cross_entropy)*100
    return cross_entropy


def main():
    mnist = mnist_data.read_data_sets("data")

    X = tf.placeholder(tf.float32, [None, 28, 28, 1])
    Y_ = tf.placeholder(tf.float32, [None, 10])
    lr = tf.placeholder(tf.float32)
    pkeep = tf.placeholder(tf.float32)
    variables, Ylogits = five_layers_relu_dropout(X, pkeep)
    Y = tf.nn.softmax(Ylogits)
    cross_entropy = loss(Ylogits, Y_)

    correct_prediction = tf.equal(tf.argmax(Y, 1), tf.argmax(Y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    train_step = tf.train.AdamOptimizer(lr).minimize(cross_entropy)

    tf.scalar_summary("cost", cross_entropy)
    tf.scalar_summary("accuracy", accuracy)
    summary_op = tf.merge_all_summaries()

    with tf.Session() as sess:
        sess.run(tf.initialize_all_variables())
        writer = tf.train.SummaryWriter(logs_path,\
                                        graph=tf.get_default_graph())
        for epoch in range(training_epochs):
            batch_count = int(mnist.train.num_examples/batch_size)
            for i in range(batch_count):
                batch_x, batch_y = mnist.train.next_batch(batch_size)
                max_learning_rate = 0.003
                min_learning_rate = 0.0001
                decay_speed = 2000
                learning_rate = min_learning_rate+\
                                (max_learning_rate - min_learning_rate) \
                                * math.exp(-i/decay_speed)
                _, summary = sess.run([train_step, summary_op],\
                                      {X: batch_x, Y_: batch_y,\
                                       pkeep: 0.75, lr: learning_rate})
                writer.add_summary(summary,\
                                   epoch * batch_count + i)
            print "Epoch: ", epoch

        print "Accuracy: ", accuracy.eval\
            (feed_dict={X: mnist.test.images,\
                        Y_: mnist.test.labels, pkeep: 0.75})
        print "done"


class FiveLayersReluDropout(GraphParityModel):
    """Batches {"X": [N, 28, 28, 1], "Y_": one-hot [N, 10]}; forward gives Ylogits; pkeep is fed 1.0
    (no dropout). Without a given learning rate, the k-th batch of train_steps trains at the book's
    rate for batch k of an epoch."""

    spec = {"X": tensor_spec([28, 28, 1]), "Y_": one_hot_spec(10)}

    def learning_rates(self, count):
        rates = []
        for i in xrange(count):
            max_learning_rate = 0.003
            min_learning_rate = 0.0001
            decay_speed = 2000
            rates.append(min_learning_rate + (max_learning_rate - min_learning_rate)
                         * math.exp(-i/decay_speed))
        return rates

    def draw(self, rng):
        sizes = [784, L, M, N, O, 10]
        weights = {}
        for k in xrange(1, 6):
            weights["W%d" % k] = truncated_normal(rng, [sizes[k - 1], sizes[k]], 0.1)
            if k == 5:
                weights["B%d" % k] = np.zeros([sizes[k]], np.float32)
            else:
                weights["B%d" % k] = np.ones([sizes[k]], np.float32)/10
        return weights

    def build(self):
        X = tf.placeholder(tf.float32, [None, 28, 28, 1])
        Y_ = tf.placeholder(tf.float32, [None, 10])
        pkeep = tf.placeholder(tf.float32)
        variables, Ylogits = five_layers_relu_dropout(X, pkeep)
        return {"inputs": {"X": X, "Y_": Y_}, "variables": variables, "output": Ylogits,
                "loss": loss(Ylogits, Y_), "feed": {pkeep: 1.0}}

    def optimizer(self, lr):
        return tf.train.AdamOptimizer(lr)


def parity_model():
    return FiveLayersReluDropout()


if __name__ == "__main__":
    main()
