# rnn_lstm_mnist.py: the book's chapter 6 LSTM classifier as 0.x code wrote it: the cells from the
# private tensorflow.models.rnn package, `rnn.rnn` (now tf.nn.static_rnn) and the 0.x tf.split order.
import tensorflow as tf
from tensorflow.models.rnn import rnn, rnn_cell

n_input, n_steps, n_hidden, n_classes = 28, 28, 128, 10

x = tf.placeholder("float", [None, n_steps, n_input])
y = tf.placeholder("float", [None, n_classes])
weights = tf.Variable(tf.random_normal([n_hidden, n_classes]))
biases = tf.Variable(tf.random_normal([n_classes]))

inputs = tf.transpose(x, [1, 0, 2])
inputs = tf.reshape(inputs, [-1, n_input])
inputs = tf.split(0, n_steps, inputs)

lstm_cell = rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
outputs, states = rnn.rnn(lstm_cell, inputs, dtype=tf.float32)
pred = tf.matmul(outputs[-1], weights) + biases

cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(pred, y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.001).minimize(cost)
correct_pred = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))
init = tf.initialize_all_variables()
