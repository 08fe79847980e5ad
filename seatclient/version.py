"""The one place the version is defined: the build, the About box, the sign-in dialog and the User-Agent read it."""

__version__ = "0.1.0"
