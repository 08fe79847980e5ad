"""Entry script of the frozen seat client: PyInstaller needs a file to start from, not a console-script entry."""

from seatclient.cli import main

raise SystemExit(main())
