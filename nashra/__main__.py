"""`python -m nashra` is the `nashra` command."""

import sys

from nashra.cli import main

sys.exit(main())
