# ch05_conv_autoencoder.py: the book's convolutional denoising autoencoder on MNIST (chapter 5, listing
# Seed A L6354-6526) as a TensorFlow 0.12 program: `import tensorflow.examples.tutorials.mnist.input_data
# as input_data`, tf.pack for the conv2d_transpose output shapes, tf.nn.dropout(x, keep_prob),
# tf.initialize_all_variables. As in the book, the cost calls cae() a second time instead of using pred.
# Listing fixes: the misplaced parentheses of every conv call and the duplicated lines follow the
# walkthrough; the noisy test images' reconstruction error is printed instead of plotted.
# Like the listing, this file also parses as Python 3, so it is converted as Python 3 code.
import numpy as np
import tensorflow as tf
import tensorflow.examples.tutorials.mnist.input_data as input_data

from chain.parity_support import GraphParityModel, random_normal, tensor_spec

#WEIGHT AND BIASES
n1 = 16
n2 = 32
n3 = 64
ksize = 5
dim = 784


def make_variables():
    weights = {
        'ce1': tf.Variable(tf.random_normal\
                          ([ksize, ksize, 1, n1],stddev=0.1)),
        'ce2': tf.Variable(tf.random_normal\
                          ([ksize, ksize, n1, n2],stddev=0.1)),
        'ce3': tf.Variable(tf.random_normal\
                          ([ksize, ksize, n2, n3],stddev=0.1)),
        'cd3': tf.Variable(tf.random_normal\
                          ([ksize, ksize, n2, n3],stddev=0.1)),
        'cd2': tf.Variable(tf.random_normal\
                          ([ksize, ksize, n1, n2],stddev=0.1)),
        'cd1': tf.Variable(tf.random_normal\
                          ([ksize, ksize, 1, n1],stddev=0.1))
    }
    biases = {
        'be1': tf.Variable\
        (tf.random_normal([n1], stddev=0.1)),
        'be2': tf.Variable\
        (tf.random_normal([n2], stddev=0.1)),
        'be3': tf.Variable\
        (tf.random_normal([n3], stddev=0.1)),
        'bd3': tf.Variable\
        (tf.random_normal([n2], stddev=0.1)),
        'bd2': tf.Variable\
        (tf.random_normal([n1], stddev=0.1)),
        'bd1': tf.Variable\
        (tf.random_normal([1], stddev=0.1))
    }
    return weights, biases


def cae(_X, _W, _b, _keepprob):
    _input_r = tf.reshape(_X, shape=[-1, 28, 28, 1])
    # Encoder
    _ce1 = tf.nn.sigmoid\
        (tf.add(tf.nn.conv2d\
            (_input_r, _W['ce1'], \
            strides=[1, 2, 2, 1], \
            padding='SAME'), \
            _b['be1']))
    _ce1 = tf.nn.dropout(_ce1, _keepprob)

    _ce2 = tf.nn.sigmoid\
        (tf.add(tf.nn.conv2d\
            (_ce1, _W['ce2'], \
            strides=[1, 2, 2, 1], \
            padding='SAME'), \
            _b['be2']))
    _ce2 = tf.nn.dropout(_ce2, _keepprob)

    _ce3 = tf.nn.sigmoid\
        (tf.add(tf.nn.conv2d\
            (_ce2, _W['ce3'], \
            strides=[1, 2, 2, 1], \
            padding='SAME'), \
            _b['be3']))
    _ce3 = tf.nn.dropout(_ce3, _keepprob)

    # Decoder
    _cd3 = tf.nn.sigmoid\
        (tf.add(tf.nn.conv2d_transpose\
            (_ce3, _W['cd3'], \
            tf.pack([tf.shape(_X)[0], 7, 7, n2]), \
            strides=[1, 2, 2, 1], \
            padding='SAME'), \
            _b['bd3']))
    _cd3 = tf.nn.dropout(_cd3, _keepprob)

    _cd2 = tf.nn.sigmoid\
        (tf.add(tf.nn.conv2d_transpose\
            (_cd3, _W['cd2'], \
            tf.pack([tf.shape(_X)[0], 14, 14, n1]), \
            strides=[1, 2, 2, 1], \
            padding='SAME'), \
            _b['bd2']))
    _cd2 = tf.nn.dropout(_cd2, _keepprob)

    _cd1 = tf.nn.sigmoid\
        (tf.add(tf.nn.conv2d_transpose\
            (_cd2, _W['cd1'], \
            tf.pack([tf.shape(_X)[0], 28, 28, 1]), \
            strides=[1, 2, 2, 1], \
            padding='SAME'), \
            _b['bd1']))
    _cd1 = tf.nn.dropout(_cd1, _keepprob)
    _out = _cd1
    return _out


def network():
    weights, biases = make_variables()
    x = tf.placeholder(tf.float32, [None, dim])
    y = tf.placeholder(tf.float32, [None, dim])
    keepprob = tf.placeholder(tf.float32)
    pred = cae(x, weights, biases, keepprob)#[ 'out']
    cost = tf.reduce_sum\
        (tf.square(cae(x, weights, biases, keepprob) \
        - tf.reshape(y, shape=[-1, 28, 28, 1])))
    return weights, biases, x, y, keepprob, pred, cost


def main():
    mnist = input_data.read_data_sets("data/", one_hot=True)
    print ("Packages loaded")

    weights, biases, x, y, keepprob, pred, cost = network()
    print ("Network ready")
    learning_rate = 0.001
    optm = tf.train.AdamOptimizer(learning_rate).minimize(cost)
    init = tf.initialize_all_variables()
    print ("Functions ready")

    sess = tf.Session()
    sess.run(init)
    # mean_img = np.mean(mnist.train.images, axis=0)
    mean_img = np.zeros((784))
    # Fit all training data
    batch_size = 128
    n_epochs = 5

    print("Start training..")
    for epoch_i in range(n_epochs):
        for batch_i in range(mnist.train.num_examples // batch_size):
            batch_xs, _ = mnist.train.next_batch(batch_size)
            trainbatch = np.array([img - mean_img for img in batch_xs])
            trainbatch_noisy = trainbatch + 0.3*np.random.randn(
                trainbatch.shape[0], 784)
            sess.run(optm, feed_dict={x: trainbatch_noisy
                , y: trainbatch, keepprob: 0.7})
        print ("[%02d/%02d] cost: %.4f" % (epoch_i, n_epochs
            , sess.run(cost, feed_dict={x: trainbatch_noisy
                                        , y: trainbatch, keepprob: 1.})))
        if (epoch_i % 1) == 0:
            n_examples = 5
            test_xs, _ = mnist.test.next_batch(n_examples)
            test_xs_noisy = test_xs + 0.3*np.random.randn(
                test_xs.shape[0], 784)
            recon = sess.run(pred, feed_dict={x: test_xs_noisy,
                                              keepprob: 1.})
            error = np.sum((np.reshape(recon, (n_examples, 784)) + mean_img - test_xs) ** 2)
            print ("reconstruction error per test image: %.4f" % (error / n_examples))
    sess.close()


class ConvAutoencoder(GraphParityModel):
    """Batches {"x": noisy input [N, 784], "y": clean target [N, 784]}; forward gives pred
    [N, 28, 28, 1]; keepprob is fed 1.0 (no dropout); the cost is a sum over the batch. Weights are
    named "weights/<key>" and "biases/<key>" after the book's two dictionaries."""

    spec = {"x": tensor_spec([dim], -1.0, 2.0), "y": tensor_spec([dim])}
    learning_rate = 0.001

    def draw(self, rng):
        shapes = {"weights/ce1": [ksize, ksize, 1, n1], "weights/ce2": [ksize, ksize, n1, n2],
                  "weights/ce3": [ksize, ksize, n2, n3], "weights/cd3": [ksize, ksize, n2, n3],
                  "weights/cd2": [ksize, ksize, n1, n2], "weights/cd1": [ksize, ksize, 1, n1],
                  "biases/be1": [n1], "biases/be2": [n2], "biases/be3": [n3],
                  "biases/bd3": [n2], "biases/bd2": [n1], "biases/bd1": [1]}
        weights = {}
        for name in sorted(shapes):
            weights[name] = random_normal(rng, shapes[name], 0.1)
        return weights

    def build(self):
        weights, biases, x, y, keepprob, pred, cost = network()
        variables = {}
        for key in weights:
            variables["weights/" + key] = weights[key]
        for key in biases:
            variables["biases/" + key] = biases[key]
        return {"inputs": {"x": x, "y": y}, "variables": variables, "output": pred, "loss": cost,
                "feed": {keepprob: 1.0}}

    def optimizer(self, learning_rate):
        return tf.train.AdamOptimizer(learning_rate)


def parity_model():
    return ConvAutoencoder()


if __name__ == "__main__":
    main()
