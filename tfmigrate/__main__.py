import sys

from tfmigrate.cli import main

sys.exit(main())
