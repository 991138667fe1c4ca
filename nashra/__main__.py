"""`python -m nashra` is the `nashra` command."""

import sys

from nashra.commands.cli import main

sys.exit(main())
