"""Stated numbers as exact decimals with their shown precision, and the intervals they stand for.

A printed figure such as ``37,301.92万元`` is a rounding of some true value: it stands for the closed
interval [37301.915, 37301.925]. Every arithmetic check in juesuan compares such intervals, so a
statement that holds for *some* values consistent with the printed figures never raises an alarm
(the calculation-1.1 idea of XBRL, see Arelle ``ValidateXbrlCalcs.rangeValue``, and statcheck's
"consistent within rounding"). Money is ``Decimal``; floats never enter.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict

from juesuan.model.spans import SourceSpan

# Characters PDF/Office exports put in place of ASCII digits, signs and separators. One table,
# documented, applied before any number is read (statcheck keeps its glyph repairs in one place too).
_GLYPHS = str.maketrans(
    {
        "，": ",",
        "．": ".",
        "。": ".",  # only ever applied inside a number token, never to prose
        "－": "-",
        "−": "-",  # U+2212 MINUS SIGN
        "–": "-",
        "—": "-",
        "﹣": "-",
        "＋": "+",
        "％": "%",
    }
)

NUMBER_RE = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
"""A number as printed: optional sign, digits with optional thousands commas, optional decimals."""


class NumberFormatError(ValueError):
    """The text is not a number as a disclosure prints one."""


def normalize_digits(text: str) -> str:
    """Fold full-width digits and the export's sign/separator glyphs to ASCII (NFKC + table)."""
    return unicodedata.normalize("NFKC", text).translate(_GLYPHS)


def parse_decimal(text: str) -> tuple[Decimal, int]:
    """Read a printed number into its exact value and the number of decimals shown.

    >>> parse_decimal("12,814.50")
    (Decimal('12814.50'), 2)
    >>> parse_decimal("0")
    (Decimal('0'), 0)
    """
    cleaned = normalize_digits(text.strip())
    if not NUMBER_RE.fullmatch(cleaned):
        raise NumberFormatError(f"not a number: {text!r}")
    digits = cleaned.replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid literals
        raise NumberFormatError(f"not a number: {text!r}") from exc
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return value, decimals


class Interval(BaseModel):
    """A closed interval [lo, hi] of exact decimals."""

    model_config = ConfigDict(frozen=True)

    lo: Decimal
    hi: Decimal

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(lo=value, hi=value)

    @classmethod
    def of_rounded(cls, value: Decimal, decimals: int) -> Interval:
        """The values that print as ``value`` at ``decimals`` decimals (both ends closed)."""
        half = Decimal(5) * Decimal(10) ** (-(decimals + 1))
        return cls(lo=value - half, hi=value + half)

    def __add__(self, other: Interval) -> Interval:
        return Interval(lo=self.lo + other.lo, hi=self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(lo=self.lo - other.hi, hi=self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(lo=min(products), hi=max(products))

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(lo=min(a, b), hi=max(a, b))

    def __truediv__(self, other: Interval) -> Interval | None:
        """The quotient interval, or ``None`` when the divisor interval contains zero."""
        if other.lo <= 0 <= other.hi:
            return None
        quotients = [a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(lo=min(quotients), hi=max(quotients))

    def intersects(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they intersect)."""
        if self.intersects(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    def __str__(self) -> str:
        if self.lo == self.hi:
            return format(self.lo.normalize(), "f")
        return f"[{self.lo.normalize():f}, {self.hi.normalize():f}]"


CANONICAL_FACTOR: dict[str, Decimal] = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}
"""Units converted to the canonical one of their dimension (万元) before any comparison."""


class Quantity(BaseModel):
    """A number as the document states it: exact value, shown decimals, unit and source.

    ``text`` keeps the characters as printed (``"37,301.92"``), so a finding can quote them and a
    test can check the source line still holds them.
    """

    model_config = ConfigDict(frozen=True)

    value: Decimal
    decimals: int
    unit: str | None = None
    text: str
    span: SourceSpan | None = None

    @classmethod
    def parse(
        cls, text: str, unit: str | None = None, span: SourceSpan | None = None
    ) -> Quantity:
        value, decimals = parse_decimal(text)
        return cls(value=value, decimals=decimals, unit=unit, text=text.strip(), span=span)

    def interval(self) -> Interval:
        """The interval of true values this printed figure may stand for, in its dimension's
        canonical unit (money in 万元), so ``25,600,000元`` and ``2,560.00万元`` compare directly."""
        interval = Interval.of_rounded(self.value, self.decimals)
        factor = CANONICAL_FACTOR.get(self.unit or "")
        return interval if factor is None else interval.scale(factor)

    def plain(self) -> str:
        """The value as a plain decimal string without thousands separators (the JSON contract)."""
        return format(self.value, "f")
