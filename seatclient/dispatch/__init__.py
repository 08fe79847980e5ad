"""Dispatch (派单, ZJ art. 13): the handling-unit directory and the dispatch catalogue.

``load_default_units()`` gives the ``UnitDirectory`` (search by Chinese or pinyin);
``load_default()`` gives the ``DispatchCatalogue`` whose ``suggest()`` ranks handling units for a
matter by topic, place and the caller's words. Qt-free.
"""

from seatclient.dispatch.catalogue import (
    DispatchCatalogue,
    DispatchRule,
    Place,
    Responsibility,
    Suggestion,
    Target,
    TargetKind,
    Topic,
    load_catalogue,
    load_default,
    suggest,
    validate_catalogue,
)
from seatclient.dispatch.units import (
    District,
    Unit,
    UnitDirectory,
    UnitHit,
    UnitKind,
    UnitLevel,
    load_default_units,
    load_units,
    validate_units,
)

__all__ = [
    "DispatchCatalogue",
    "DispatchRule",
    "District",
    "Place",
    "Responsibility",
    "Suggestion",
    "Target",
    "TargetKind",
    "Topic",
    "Unit",
    "UnitDirectory",
    "UnitHit",
    "UnitKind",
    "UnitLevel",
    "load_catalogue",
    "load_default",
    "load_default_units",
    "load_units",
    "suggest",
    "validate_catalogue",
    "validate_units",
]
