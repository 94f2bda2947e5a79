"""`python -m bot` runs the dossierbot command line."""

import sys

from bot.cli import main

sys.exit(main())
