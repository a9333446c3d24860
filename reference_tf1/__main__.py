import sys

from tfmigrate.book.runtime import main

sys.exit(main(None, package="reference_tf1", impl="tf1"))
