"""`python build.py` does what `nashra build` does."""

import sys

from nashra.commands.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
