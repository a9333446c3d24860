# conv_autoencoder_encoder.py: the decoder shapes of the book's chapter 5 convolutional autoencoder,
# built with the TensorFlow 0.x `tf.pack` (now `tf.stack`) and `tf.initialize_all_variables`.
import tensorflow as tf

n1, n2, n3 = 16, 32, 64
x = tf.placeholder(tf.float32, [None, 784])
keep_prob = tf.placeholder(tf.float32)
weights = {
    "ce1": tf.Variable(tf.random_normal([5, 5, 1, n1], stddev=0.1)),
    "cd1": tf.Variable(tf.random_normal([5, 5, 1, n1], stddev=0.1)),
}
biases = {
    "be1": tf.Variable(tf.random_normal([n1], stddev=0.1)),
    "bd1": tf.Variable(tf.random_normal([1], stddev=0.1)),
}

image = tf.reshape(x, shape=[-1, 28, 28, 1])
encoded = tf.nn.sigmoid(tf.add(tf.nn.conv2d(image, weights["ce1"], strides=[1, 2, 2, 1], padding="SAME"),
                               biases["be1"]))
encoded = tf.nn.dropout(encoded, keep_prob)
decoded = tf.nn.sigmoid(tf.add(tf.nn.conv2d_transpose(encoded, weights["cd1"],
                                                      tf.pack([tf.shape(x)[0], 28, 28, 1]),
                                                      strides=[1, 2, 2, 1], padding="SAME"),
                               biases["bd1"]))
cost = tf.reduce_sum(tf.square(decoded - image), reduction_indices=[1, 2, 3])

init = tf.initialize_all_variables()
