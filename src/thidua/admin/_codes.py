"""The problems of real administrative data: provinces, districts and communes that are not found."""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

CLUSTER_SIZES = Code("cluster-sizes", N_("cluster sizes need 1 ≤ min_size ≤ max_size, got %(low)s and %(high)s"))
CANNOT_SPLIT = Code("cannot-split", N_("cannot split %(count)s units into clusters of %(low)s to %(high)s"))
UNKNOWN_PROVINCE = Code("unknown-province", N_("%(value)s is not the code or the name of a province of 2025"))
UNKNOWN_2025_UNIT = Code("unknown-2025-unit", N_("the 2025 unit %(unit)s of %(province)s is not in vietnam-provinces"))
UNKNOWN_DISTRICT = Code("unknown-district", N_("%(district)s is not a district of %(province)s"))
UNKNOWN_WARD = Code("unknown-ward", N_("%(ward)s is not a commune of %(district)s in the table of 30 June 2025"))
