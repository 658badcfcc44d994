"""Entry point of `python -m netral`."""

import sys

from netral.cli import main

sys.exit(main())
