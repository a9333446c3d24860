# ch04_emotion_cnn.py: the book's emotion-recognition CNN (chapter 4, listing Seed A L4795-4997) as a
# TensorFlow 0.12 / Python 2 program: tf.flags, get_variable(name, initializer=tensor), positional
# softmax_cross_entropy_with_logits(pred, label) (walkthrough L4497), tf.histogram_summary,
# tf.scalar_summary, tf.merge_all_summaries, tf.train.SummaryWriter, tf.initialize_all_variables,
# tf.nn.dropout(x, prob) with the book's hard-coded keep probability 0.5, `IMAGE_SIZE / 4` (12 under
# Python 2's integer division), xrange and print statements.
# Listing fixes: statements split over lines, `tf.app.run()` indented inside main(); the weights and
# biases are made by a function (the listing makes them at import, before any graph is chosen), and
# emotion_cnn takes them and the keep probability as arguments; the book's EmotionDetectorUtils (its
# data reader, not part of this chain) is imported where the data are read.
import os, sys, inspect
from datetime import datetime

import numpy as np
import tensorflow as tf

from chain.parity_support import GraphParityModel, one_hot_spec, tensor_spec, truncated_normal

FLAGS = tf.flags.FLAGS
tf.flags.DEFINE_string("data_dir", "EmotionDetector/", "Path to data files")
tf.flags.DEFINE_string("logs_dir", "logs/EmotionDetector_logs/", "Path to where log files are to be saved")
tf.flags.DEFINE_string("mode", "train", "mode: train (Default) / test")

BATCH_SIZE = 128
LEARNING_RATE = 1e-3
MAX_ITERATIONS = 1001
REGULARIZATION = 1e-2
IMAGE_SIZE = 48
NUM_LABELS = 7
VALIDATION_PERCENT = 0.1


def add_to_regularization_loss(W, b):
    tf.add_to_collection("losses", tf.nn.l2_loss(W))
    tf.add_to_collection("losses", tf.nn.l2_loss(b))


def weight_variable(shape, stddev=0.02, name=None):
    initial = tf.truncated_normal(shape, stddev=stddev)
    if name is None:
        return tf.Variable(initial)
    else:
        return tf.get_variable(name, initializer=initial)


def bias_variable(shape, name=None):
    initial = tf.constant(0.0, shape=shape)
    if name is None:
        return tf.Variable(initial)
    else:
        return tf.get_variable(name, initializer=initial)


def conv2d_basic(x, W, bias):
    conv = tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.bias_add(conv, bias)


def max_pool_2x2(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1],
                          strides=[1, 2, 2, 1], padding="SAME")


def make_variables():
    weights = {
        'wc1': weight_variable([5, 5, 1, 32], name="W_conv1"),
        'wc2': weight_variable([3, 3, 32, 64], name="W_conv2"),
        'wf1': weight_variable([(IMAGE_SIZE / 4) * (IMAGE_SIZE / 4) * 64, 256], name="W_fc1"),
        'wf2': weight_variable([256, NUM_LABELS], name="W_fc2")
    }
    biases = {
        'bc1': bias_variable([32], name="b_conv1"),
        'bc2': bias_variable([64], name="b_conv2"),
        'bf1': bias_variable([256], name="b_fc1"),
        'bf2': bias_variable([NUM_LABELS], name="b_fc2")
    }
    return weights, biases


def emotion_cnn(dataset, weights, biases, prob=0.5):
    with tf.name_scope("conv1") as scope:
        tf.histogram_summary("W_conv1", weights['wc1'])
        tf.histogram_summary("b_conv1", biases['bc1'])
        conv_1 = tf.nn.conv2d(dataset, weights['wc1'],
                              strides=[1, 1, 1, 1], padding="SAME")
        h_conv1 = tf.nn.bias_add(conv_1, biases['bc1'])
        h_1 = tf.nn.relu(h_conv1)
        h_pool1 = max_pool_2x2(h_1)
        add_to_regularization_loss(weights['wc1'], biases['bc1'])

    with tf.name_scope("conv2") as scope:
        tf.histogram_summary("W_conv2", weights['wc2'])
        tf.histogram_summary("b_conv2", biases['bc2'])
        conv_2 = tf.nn.conv2d(h_pool1, weights['wc2'],
                              strides=[1, 1, 1, 1], padding="SAME")
        h_conv2 = tf.nn.bias_add(conv_2, biases['bc2'])
        #h_conv2 = conv2d_basic(h_pool1, weights['wc2'], biases['bc2'])
        h_2 = tf.nn.relu(h_conv2)
        h_pool2 = max_pool_2x2(h_2)
        add_to_regularization_loss(weights['wc2'], biases['bc2'])

    with tf.name_scope("fc_1") as scope:
        image_size = IMAGE_SIZE / 4
        h_flat = tf.reshape(h_pool2, [-1, image_size * image_size * 64])
        tf.histogram_summary("W_fc1", weights['wf1'])
        tf.histogram_summary("b_fc1", biases['bf1'])
        h_fc1 = tf.nn.relu(tf.matmul(h_flat, weights['wf1']) + biases['bf1'])
        h_fc1_dropout = tf.nn.dropout(h_fc1, prob)

    with tf.name_scope("fc_2") as scope:
        tf.histogram_summary("W_fc2", weights['wf2'])
        tf.histogram_summary("b_fc2", biases['bf2'])
        #pred = tf.matmul(h_fc1, weights['wf2']) + biases['bf2']
        pred = tf.matmul(h_fc1_dropout, weights['wf2']) + biases['bf2']

    return pred


def loss(pred, label):
    cross_entropy_loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(pred, label))
    tf.scalar_summary('Entropy', cross_entropy_loss)
    reg_losses = tf.add_n(tf.get_collection("losses"))
    tf.scalar_summary('Reg_loss', reg_losses)
    return cross_entropy_loss + REGULARIZATION * reg_losses


def train(loss, step):
    return tf.train.AdamOptimizer(LEARNING_RATE).minimize(loss, global_step=step)


def get_next_batch(images, labels, step):
    offset = (step * BATCH_SIZE) % (images.shape[0] - BATCH_SIZE)
    batch_images = images[offset: offset + BATCH_SIZE]
    batch_labels = labels[offset:offset + BATCH_SIZE]
    return batch_images, batch_labels


def main(argv=None):
    import EmotionDetectorUtils
    train_images, train_labels, valid_images, valid_labels, test_images = \
        EmotionDetectorUtils.read_data(FLAGS.data_dir)
    print "Train size: %s" % train_images.shape[0]
    print 'Validation size: %s' % valid_images.shape[0]
    print "Test size: %s" % test_images.shape[0]

    global_step = tf.Variable(0, trainable=False)
    dropout_prob = tf.placeholder(tf.float32)
    input_dataset = tf.placeholder(tf.float32, [None, IMAGE_SIZE, IMAGE_SIZE, 1], name="input")
    input_labels = tf.placeholder(tf.float32, [None, NUM_LABELS])

    weights, biases = make_variables()
    pred = emotion_cnn(input_dataset, weights, biases)
    output_pred = tf.nn.softmax(pred, name="output")
    loss_val = loss(pred, input_labels)
    train_op = train(loss_val, global_step)
    summary_op = tf.merge_all_summaries()
    with tf.Session() as sess:
        sess.run(tf.initialize_all_variables())
        summary_writer = tf.train.SummaryWriter(FLAGS.logs_dir, sess.graph_def)
        saver = tf.train.Saver()
        ckpt = tf.train.get_checkpoint_state(FLAGS.logs_dir)
        if ckpt and ckpt.model_checkpoint_path:
            saver.restore(sess, ckpt.model_checkpoint_path)
            print "Model Restored!"

        for step in xrange(MAX_ITERATIONS):
            batch_image, batch_label = get_next_batch(train_images, train_labels, step)
            feed_dict = {input_dataset: batch_image, input_labels: batch_label}

            sess.run(train_op, feed_dict=feed_dict)
            if step % 10 == 0:
                train_loss, summary_str = sess.run([loss_val, summary_op], feed_dict=feed_dict)
                summary_writer.add_summary(summary_str, global_step=step)
                print "Training Loss: %f" % train_loss

            if step % 100 == 0:
                valid_loss = sess.run(loss_val, feed_dict={input_dataset: valid_images,
                                                           input_labels: valid_labels})
                print "%s Validation Loss: %f" % (datetime.now(), valid_loss)
                saver.save(sess, FLAGS.logs_dir + 'model.ckpt', global_step=step)


class EmotionCnn(GraphParityModel):
    """Batches {"x": [N, 48, 48, 1], "y": one-hot [N, 7]}; forward gives pred with the hard-coded
    dropout off (keep probability 1.0); the loss adds the L2 of the convolution weights and biases."""

    spec = {"x": tensor_spec([IMAGE_SIZE, IMAGE_SIZE, 1]), "y": one_hot_spec(NUM_LABELS)}
    learning_rate = LEARNING_RATE

    def draw(self, rng):
        flat = (IMAGE_SIZE / 4) * (IMAGE_SIZE / 4) * 64
        return {
            "W_conv1": truncated_normal(rng, [5, 5, 1, 32], 0.02),
            "W_conv2": truncated_normal(rng, [3, 3, 32, 64], 0.02),
            "W_fc1": truncated_normal(rng, [flat, 256], 0.02),
            "W_fc2": truncated_normal(rng, [256, NUM_LABELS], 0.02),
            "b_conv1": np.zeros([32], np.float32),
            "b_conv2": np.zeros([64], np.float32),
            "b_fc1": np.zeros([256], np.float32),
            "b_fc2": np.zeros([NUM_LABELS], np.float32),
        }

    def build(self):
        input_dataset = tf.placeholder(tf.float32, [None, IMAGE_SIZE, IMAGE_SIZE, 1], name="input")
        input_labels = tf.placeholder(tf.float32, [None, NUM_LABELS])
        weights, biases = make_variables()
        pred = emotion_cnn(input_dataset, weights, biases, prob=1.0)
        variables = {}
        for var in weights.values() + biases.values():
            variables[var.op.name] = var
        return {"inputs": {"x": input_dataset, "y": input_labels}, "variables": variables,
                "output": pred, "loss": loss(pred, input_labels)}

    def minimize(self, objective, learning_rate):
        global_step = tf.Variable(0, trainable=False)
        return tf.train.AdamOptimizer(learning_rate).minimize(objective, global_step=global_step)


def parity_model():
    return EmotionCnn()


if __name__ == "__main__":
    tf.app.run()
