"""seatclient: the seat client of the 12345 government service hotline."""

from seatclient.version import __version__

__all__ = ["__version__"]
