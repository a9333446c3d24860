from __future__ import absolute_import
from .evaluator import Evaluator
from .trainer import Trainer, TrainOp
from .regularizer import add_weights_regularizer
from .summarizer import summarize, summarize_activations, \
    summarize_gradients, summarize_variables, summarize_all
