import sys

from tfmigrate.book.runtime import main

sys.exit(main(None, package="modern_tf2", impl="tf2"))
