"""Replaces the stock phonenumbers hook: metadata of every region, none of the 40 MB geocoding data.

phonenumbers imports ``phonenumbers.data.region_XX`` by name when a number of region XX is first
parsed, so each one is a hidden import; the geocoder, carrier and time-zone tables are never used.
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("phonenumbers.data") + collect_submodules("phonenumbers.shortdata")
