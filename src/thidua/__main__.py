"""``python -m thidua``: the same command line as ``thidua``."""

import sys

from thidua.cli import main

if __name__ == "__main__":
    sys.exit(main())
