# ch03_softmax_classifier.py: the book's softmax MNIST classifier (chapter 3, Seed A L2659-2913 and
# listing L3026-3090) as a TensorFlow 0.12 / Python 2 program: tf.scalar_summary,
# tf.merge_all_summaries, tf.train.SummaryWriter, tf.initialize_all_variables, print statements.
# The listing's training loop ran after its `with tf.Session()` block had closed; here it runs inside.
from random import randint

import numpy as np
import tensorflow as tf

import mnist_data
from chain.parity_support import GraphParityModel, one_hot_spec, tensor_spec

logs_path = 'log_mnist_softmax'
batch_size = 100
learning_rate = 0.5
training_epochs = 10


def softmax_classifier(X):
    W = tf.Variable(tf.zeros([784, 10]))
    b = tf.Variable(tf.zeros([10]))
    XX = tf.reshape(X, [-1, 784])
    Y = tf.nn.softmax(tf.matmul(XX, W) + b, name="output")
    return W, b, Y


def loss(Y, Y_):
    return -tf.reduce_mean(Y_ * tf.log(Y)) * 1000.0


def main():
    mnist = mnist_data.read_data_sets("data")

    X = tf.placeholder(tf.float32, [None, 28, 28, 1], name="input")
    Y_ = tf.placeholder(tf.float32, [None, 10])
    W, b, Y = softmax_classifier(X)
    cross_entropy = loss(Y, Y_)
    correct_prediction = tf.equal(tf.argmax(Y, 1), \
                                  tf.argmax(Y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, \
                                      tf.float32))
    train_step = tf.train.GradientDescentOptimizer\
                 (0.005).minimize(cross_entropy)

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
                _, summary = sess.run([train_step, summary_op], feed_dict={X: batch_x, \
                                                                          Y_: batch_y})
                writer.add_summary(summary, epoch * batch_count + i)
            print "Epoch: ", epoch

        print "Accuracy: ", accuracy.eval\
              (feed_dict={X: mnist.test.images,
                          Y_: mnist.test.labels})
        print "done"

        num = randint(0, mnist.test.images.shape[0] - 1)
        img = mnist.test.images[num]
        classification = sess.run(tf.argmax(Y, 1), \
                                  feed_dict={X: [img]})
        print 'Neural Network predicted', classification[0]
        print 'Real label is:', np.argmax(mnist.test.labels[num])

        saver = tf.train.Saver()
        save_path = saver.save(sess, "saved_mnist_cnn.ckpt")
        print("Model saved to %s" % save_path)


class SoftmaxClassifier(GraphParityModel):
    """Batches {"X": [N, 28, 28, 1], "Y_": one-hot [N, 10]}; forward gives the softmax Y."""

    spec = {"X": tensor_spec([28, 28, 1]), "Y_": one_hot_spec(10)}
    learning_rate = 0.005

    def draw(self, rng):
        return {"W": np.zeros([784, 10], np.float32), "b": np.zeros([10], np.float32)}

    def build(self):
        X = tf.placeholder(tf.float32, [None, 28, 28, 1], name="input")
        Y_ = tf.placeholder(tf.float32, [None, 10])
        W, b, Y = softmax_classifier(X)
        return {"inputs": {"X": X, "Y_": Y_}, "variables": {"W": W, "b": b}, "output": Y,
                "loss": loss(Y, Y_)}

    def optimizer(self, learning_rate):
        return tf.train.GradientDescentOptimizer(learning_rate)


def parity_model():
    return SoftmaxClassifier()


if __name__ == "__main__":
    main()
