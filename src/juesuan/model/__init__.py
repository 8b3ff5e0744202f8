"""The typed domain model: quantities, spans, the disclosure and its self-evaluation forms."""

from juesuan.model.disclosure import Disclosure, Figure, Section
from juesuan.model.evaluation import (
    AnalysisText,
    FundRow,
    Indicator,
    ParseNote,
    ProjectEvaluation,
)
from juesuan.model.quantity import Interval, Quantity
from juesuan.model.spans import SourceSpan, StatedText

__all__ = [
    "AnalysisText",
    "Disclosure",
    "Figure",
    "FundRow",
    "Indicator",
    "Interval",
    "ParseNote",
    "ProjectEvaluation",
    "Quantity",
    "Section",
    "SourceSpan",
    "StatedText",
]
