"""Real administrative units: the 34 provinces and 3,321 communes of 2025, and the units before.

Two optional extras feed this package; neither is imported before it is used:

* ``provinces`` (``vietnam-provinces``): the units of 1 July 2025 with official
  codes, see :func:`units_2025` and :func:`campaign_skeleton`.
* ``legacy-units`` (``vietnamadminunits``, with ``vietnam-provinces``): the 63
  provinces, their districts and communes as of 30 June 2025, and the mapping to
  2025, see :func:`legacy_units` and :func:`successor_units`. Only the package's
  bundled tables are read; its online geocoding is never called.

Ids are ASCII and stable: ``vn34-p91`` and ``vn34-w31042`` for the province and
communes of 2025, ``vn63-p91``, ``vn63-d909`` and ``vn63-w31048`` for the units before.

>>> partition(["a", "b", "c", "d", "e", "f", "g"], min_size=3, max_size=4)
(('a', 'b', 'c', 'd'), ('e', 'f', 'g'))
>>> commune_id("31042")
'vn34-w31042'

.. versionadded:: 0.1.0
"""

from thidua.admin._builtin import PROVINCES_2025
from thidua.admin._common import (
    LAST_DAY_BEFORE_REFORM,
    REFORM,
    commune_id,
    legacy_id,
    levels_2025,
    levels_legacy,
    name_key,
    partition,
    province_id,
    select_provinces,
)
from thidua.admin._legacy import Successor, legacy_units, successor_units, successors
from thidua.admin._provinces import campaign_skeleton, commune_index, communes_2025, provinces_2025, units_2025

__all__ = [
    "LAST_DAY_BEFORE_REFORM",
    "PROVINCES_2025",
    "REFORM",
    "Successor",
    "campaign_skeleton",
    "commune_id",
    "commune_index",
    "communes_2025",
    "legacy_id",
    "legacy_units",
    "levels_2025",
    "levels_legacy",
    "name_key",
    "partition",
    "province_id",
    "provinces_2025",
    "select_provinces",
    "successor_units",
    "successors",
    "units_2025",
]
