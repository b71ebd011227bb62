"""`python -m app` runs FrontDesk."""

import sys

from app.cli import main

sys.exit(main())
