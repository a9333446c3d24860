# ch03_five_layer_sigmoid.py: the book's five-layer sigmoid network on MNIST (chapter 3, walkthrough
# Seed A L3138-3248) as a TensorFlow 0.12 / Python 2 program: positional
# softmax_cross_entropy_with_logits(Ylogits, Y_), tf.scalar_summary, tf.merge_all_summaries,
# tf.train.SummaryWriter, tf.initialize_all_variables, print statements.
import numpy as np
import tensorflow as tf

import mnist_data
from chain.parity_support import GraphParityModel, one_hot_spec, tensor_spec, truncated_normal

logs_path = 'log_simple_stats_5_layers_relu_softmax'
batch_size = 100
learning_rate = 0.003
training_epochs = 10

L = 200
M = 100
N = 60
O = 30


def five_layers_sigmoid(X):
    XX = tf.reshape(X, [-1, 784])
    W1 = tf.Variable(tf.truncated_normal([784, L], stddev=0.1))
    B1 = tf.Variable(tf.zeros([L]))
    Y1 = tf.nn.sigmoid(tf.matmul(XX, W1) + B1)
    W2 = tf.Variable(tf.truncated_normal([L, M], stddev=0.1))
    B2 = tf.Variable(tf.zeros([M]))
    Y2 = tf.nn.sigmoid(tf.matmul(Y1, W2) + B2)
    W3 = tf.Variable(tf.truncated_normal([M, N], stddev=0.1))
    B3 = tf.Variable(tf.zeros([N]))
    Y3 = tf.nn.sigmoid(tf.matmul(Y2, W3) + B3)
    W4 = tf.Variable(tf.truncated_normal([N, O], stddev=0.1))
    B4 = tf.Variable(tf.zeros([O]))
    Y4 = tf.nn.sigmoid(tf.matmul(Y3, W4) + B4)
    W5 = tf.Variable(tf.truncated_normal([O, 10], stddev=0.1))
    B5 = tf.Variable(tf.zeros([10]))
    Ylogits = tf.matmul(Y4, W5) + B5
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
    variables, Ylogits = five_layers_sigmoid(X)
    Y = tf.nn.softmax(Ylogits)
    cross_entropy = loss(Ylogits, Y_)
    train_step = tf.train.AdamOptimizer(learning_rate).minimize(cross_entropy)
    correct_prediction = tf.equal(tf.argmax(Y, 1), tf.argmax(Y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

    tf.scalar_summary("cost", cross_entropy)
    tf.scalar_summary("accuracy", accuracy)
    summary_op = tf.merge_all_summaries()

    with tf.Session() as sess:
        sess.run(tf.initialize_all_variables())
        writer = tf.train.SummaryWriter(logs_path, graph=tf.get_default_graph())
        for epoch in range(training_epochs):
            batch_count = int(mnist.train.num_examples/batch_size)
            for i in range(batch_count):
                batch_x, batch_y = mnist.train.next_batch(batch_size)
                _, summary = sess.run([train_step, summary_op], \
                                      feed_dict={X: batch_x, Y_: batch_y})
                writer.add_summary(summary, epoch * batch_count + i)
            print "Epoch: ", epoch

        print "Accuracy: ", accuracy.eval(feed_dict={X: mnist.test.images, Y_: mnist.test.labels})
        print "done"


class FiveLayersSigmoid(GraphParityModel):
    """Batches {"X": [N, 28, 28, 1], "Y_": one-hot [N, 10]}; forward gives Ylogits."""

    spec = {"X": tensor_spec([28, 28, 1]), "Y_": one_hot_spec(10)}
    learning_rate = learning_rate

    def draw(self, rng):
        sizes = [784, L, M, N, O, 10]
        weights = {}
        for k in xrange(1, 6):
            weights["W%d" % k] = truncated_normal(rng, [sizes[k - 1], sizes[k]], 0.1)
            weights["B%d" % k] = np.zeros([sizes[k]], np.float32)
        return weights

    def build(self):
        X = tf.placeholder(tf.float32, [None, 28, 28, 1])
        Y_ = tf.placeholder(tf.float32, [None, 10])
        variables, Ylogits = five_layers_sigmoid(X)
        return {"inputs": {"X": X, "Y_": Y_}, "variables": variables, "output": Ylogits,
                "loss": loss(Ylogits, Y_)}

    def optimizer(self, learning_rate):
        return tf.train.AdamOptimizer(learning_rate)


def parity_model():
    return FiveLayersSigmoid()


if __name__ == "__main__":
    main()
