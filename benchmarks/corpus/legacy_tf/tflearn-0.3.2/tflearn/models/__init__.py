from __future__ import absolute_import
from .dnn import DNN
from .generator import SequenceGenerator