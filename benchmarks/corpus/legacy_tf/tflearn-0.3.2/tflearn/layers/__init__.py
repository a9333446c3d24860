from __future__ import absolute_import
from .conv import conv_2d, max_pool_2d, avg_pool_2d, conv_1d, \
    max_pool_1d, avg_pool_1d, residual_block, residual_bottleneck, \
    highway_conv_1d, highway_conv_2d, upsample_2d, conv_3d, max_pool_3d, \
    avg_pool_3d, resnext_block, upscore_layer, deconv_2d
from .core import input_data, dropout, custom_layer, reshape, flatten, \
    activation, fully_connected, single_unit, one_hot_encoding, time_distributed, \
    multi_target_data
from .normalization import batch_normalization, local_response_normalization
from .estimator import regression
from .recurrent import lstm, gru, simple_rnn, bidirectional_rnn, \
    BasicRNNCell, BasicLSTMCell, GRUCell
from .embedding_ops import embedding
from .merge_ops import merge, merge_outputs
