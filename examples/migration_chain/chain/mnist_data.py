# mnist_data.py: the book's MNIST helper (chapters 2 and 3 `import mnist_data`): 28x28x1 images,
# one-hot labels, all 60,000 training images (no validation split), as the book's listings expect.
from tensorflow.examples.tutorials.mnist import input_data


def read_data_sets(data_dir):
    return input_data.read_data_sets(data_dir, one_hot=True, reshape=False, validation_size=0)
