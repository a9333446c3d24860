"""tfmigrate: move legacy TensorFlow (0.x, 1.x) code to today's TensorFlow, and check the numbers."""

__version__ = "0.1.0"
