# single_input_neuron.py: the book's chapter 2 single-neuron model, in the TensorFlow 0.x dialect
# of its walkthrough (tf.mul, tf.scalar_summary, tf.merge_all_summaries, tf.train.SummaryWriter).
import tensorflow as tf

input_value = tf.constant(0.5, name="input_value")
weight = tf.Variable(1.0, name="weight")
expected_output = tf.constant(0.0, name="expected_output")
model = tf.mul(input_value, weight, "model")

loss_function = tf.pow(expected_output - model, 2, name="loss_function")
optimizer = tf.train.GradientDescentOptimizer(0.025).minimize(loss_function)

for value in [input_value, weight, expected_output, model, loss_function]:
    tf.scalar_summary(value.op.name, value)
summaries = tf.merge_all_summaries()

sess = tf.Session()
summary_writer = tf.train.SummaryWriter("log_simple_stats", sess.graph)
sess.run(tf.initialize_all_variables())
for i in range(100):
    summary_writer.add_summary(sess.run(summaries), i)
    sess.run(optimizer)
print("weight after 100 steps:", sess.run(weight))
