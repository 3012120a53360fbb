"""`python -m pharmadesk` runs the same command as the `pharmadesk` entry point."""

import sys

from pharmadesk.cli import main

sys.exit(main())
