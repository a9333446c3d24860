"""Replacements that converted code imports for TensorFlow modules that TensorFlow 2.x removed."""
