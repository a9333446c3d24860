# emotion_cnn_loss.py: the loss and summaries of the book's chapter 4 emotion CNN, with the positional
# cross-entropy call that TensorFlow 2.x's compat.v1 would silently read as (labels, logits).
import tensorflow as tf

REGULARIZATION = 1e-2


def loss(pred, label):
    cross_entropy_loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(pred, label))
    tf.scalar_summary("Entropy", cross_entropy_loss)
    reg_losses = tf.add_n(tf.get_collection("losses"))
    tf.scalar_summary("Reg_loss", reg_losses)
    return cross_entropy_loss + REGULARIZATION * reg_losses


def add_to_regularization_loss(weights, biases):
    tf.add_to_collection("losses", tf.nn.l2_loss(weights))
    tf.add_to_collection("losses", tf.nn.l2_loss(biases))


summary_op = tf.merge_all_summaries()
