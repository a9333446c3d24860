"""Test-session set-up shared by every test directory."""

import os

from tfmigrate.book import tfenv

# TensorFlow is imported at most once per test process; it must see these settings first.
tfenv.configure()
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
