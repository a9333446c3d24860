# ch10_frozenlake_qnetwork.py: the book's Q-learning with a one-layer network on FrozenLake (chapter 10,
# listing Seed A L10286-10362) as a TensorFlow 0.12 / Python 2 program: tf.initialize_all_variables,
# a print statement, and the exploration rate e = 1./((i/50) + 10) of Python 2's integer division.
# Listing fixes: `,W1 = sess.run(...)` is `_,W1 = ...` and the indentation lost at the page breaks is
# restored. The graph is built by q_network(rows), rows being the number of states fed at once (the
# book feeds one; the parity hooks feed a batch), and gym is imported where the game is played.
import random

import numpy as np
import tensorflow as tf

from chain.parity_support import GraphParityModel, one_hot_spec, random_uniform, tensor_spec


def q_network(rows=1):
    inputs1 = tf.placeholder(shape=[rows,16],dtype=tf.float32)
    W = tf.Variable(tf.random_uniform([16,4],0,0.01))
    Qout = tf.matmul(inputs1,W)
    predict = tf.argmax(Qout,1)
    nextQ = tf.placeholder(shape=[rows,4],dtype=tf.float32)

    #define the loss and optimization functions
    loss = tf.reduce_sum(tf.square(nextQ - Qout))
    return inputs1, W, Qout, predict, nextQ, loss


def main():
    import gym

    #Define the FrozenLake enviroment
    env = gym.make('FrozenLake-v0')

    #Setup the TensorFlow placeholders and variabiles
    tf.reset_default_graph()
    inputs1, W, Qout, predict, nextQ, loss = q_network()
    trainer = tf.train.GradientDescentOptimizer(learning_rate=0.1)
    updateModel = trainer.minimize(loss)

    #initilize the vabiiables
    init = tf.initialize_all_variables()

    #prepare the q-learning parameters
    gamma = .99
    e = 0.1
    num_episodes = 6000
    jList = []
    rList = []

    #Run the session
    with tf.Session() as sess:
        sess.run(init)
        #Start the Q-learning procedure
        for i in range(num_episodes):
            s = env.reset()
            rAll = 0
            d = False
            j = 0
            while j < 99:
                j+=1
                a,allQ = sess.run([predict,Qout],\
                                  feed_dict= \
                                  {inputs1:np.identity(16)[s:s+1]})
                if np.random.rand(1) < e:
                    a[0] = env.action_space.sample()
                s1,r,d,_ = env.step(a[0])
                Q1 = sess.run(Qout, feed_dict=\
                              {inputs1:np.identity(16)[s1:s1+1]})
                maxQ1 = np.max(Q1)
                targetQ = allQ
                targetQ[0,a[0]] = r + gamma *maxQ1
                _,W1 = sess.run([updateModel,W],\
                                feed_dict=\
                                {inputs1:np.identity(16)[s:s+1],nextQ:targetQ})
                #cumulate the total reward
                rAll += r
                s = s1
                if d == True:
                    e = 1./((i/50) + 10)
                    break
            jList.append(j)
            rList.append(rAll)
    #print the results
    print "Percent of succesful episodes: " +\
          str(sum(rList)/num_episodes) + "%"


class FrozenLakeQNetwork(GraphParityModel):
    """Batches of one-hot states "inputs1" [N, 16] and target Q values "nextQ" [N, 4]; forward gives
    Qout; the loss sums over the batch."""

    spec = {"inputs1": one_hot_spec(16), "nextQ": tensor_spec([4])}
    learning_rate = 0.1

    def draw(self, rng):
        return {"W": random_uniform(rng, [16, 4], 0, 0.01)}

    def build(self):
        inputs1, W, Qout, predict, nextQ, loss = q_network(rows=None)
        return {"inputs": {"inputs1": inputs1, "nextQ": nextQ}, "variables": {"W": W},
                "output": Qout, "loss": loss}

    def optimizer(self, learning_rate):
        return tf.train.GradientDescentOptimizer(learning_rate=learning_rate)


def parity_model():
    return FrozenLakeQNetwork()


if __name__ == "__main__":
    main()
