"""Entry script of the frozen build: the same `frontdesk` command line."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
