"""``python -m seatclient``."""

from seatclient.cli import main

raise SystemExit(main())
