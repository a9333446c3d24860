"""Numerical parity between the two example trees: harness, tolerance policy, `tfmigrate parity`.

Imports TensorFlow only when a comparison runs; the rewriter never imports this package.
"""
