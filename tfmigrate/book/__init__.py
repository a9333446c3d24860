"""Shared support for the two example trees (`reference_tf1`, `modern_tf2`): inventory, data, runtime.

Never imported by the rewriter itself: only the example trees, the parity harness and the tests use it.
"""
