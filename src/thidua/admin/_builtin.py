"""The 34 provinces of 2025 and their number of communes, for use without any extra.

Read once from ``vietnam-provinces`` 2025.10.1 (data of 2025-10-18): codes and
names are real; the count is the real number of communes (xã, phường, đặc khu)
of each province. Nothing here names a commune: :mod:`thidua.synth` labels the
communes it builds from this table as synthetic.
"""

from __future__ import annotations

__all__ = ["PROVINCES_2025"]

#: ``(code, name, communes)`` of the 34 provinces and cities of 1 July 2025, by code.
#: The counts add up to 3,321.
PROVINCES_2025: tuple[tuple[str, str, int], ...] = (
    ("01", "Thành phố Hà Nội", 126),
    ("04", "Tỉnh Cao Bằng", 56),
    ("08", "Tỉnh Tuyên Quang", 124),
    ("11", "Tỉnh Điện Biên", 45),
    ("12", "Tỉnh Lai Châu", 38),
    ("14", "Tỉnh Sơn La", 75),
    ("15", "Tỉnh Lào Cai", 99),
    ("19", "Tỉnh Thái Nguyên", 92),
    ("20", "Tỉnh Lạng Sơn", 65),
    ("22", "Tỉnh Quảng Ninh", 54),
    ("24", "Tỉnh Bắc Ninh", 99),
    ("25", "Tỉnh Phú Thọ", 148),
    ("31", "Thành phố Hải Phòng", 114),
    ("33", "Tỉnh Hưng Yên", 104),
    ("37", "Tỉnh Ninh Bình", 129),
    ("38", "Tỉnh Thanh Hóa", 166),
    ("40", "Tỉnh Nghệ An", 130),
    ("42", "Tỉnh Hà Tĩnh", 69),
    ("44", "Tỉnh Quảng Trị", 78),
    ("46", "Thành phố Huế", 40),
    ("48", "Thành phố Đà Nẵng", 94),
    ("51", "Tỉnh Quảng Ngãi", 96),
    ("52", "Tỉnh Gia Lai", 135),
    ("56", "Tỉnh Khánh Hòa", 65),
    ("66", "Tỉnh Đắk Lắk", 102),
    ("68", "Tỉnh Lâm Đồng", 124),
    ("75", "Tỉnh Đồng Nai", 95),
    ("79", "Thành phố Hồ Chí Minh", 168),
    ("80", "Tỉnh Tây Ninh", 96),
    ("82", "Tỉnh Đồng Tháp", 102),
    ("86", "Tỉnh Vĩnh Long", 124),
    ("91", "Tỉnh An Giang", 102),
    ("92", "Thành phố Cần Thơ", 103),
    ("96", "Tỉnh Cà Mau", 64),
)
