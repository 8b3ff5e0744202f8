"""Batch audit (批量审核): many disclosures read, audited and scored on Dask into one warehouse.

``juesuan batch PATHS… -o results.duckdb`` is the command; :func:`run_batch` the API.
"""

from __future__ import annotations

from juesuan.batch.discover import content_hash, discover
from juesuan.batch.run import BatchOptions, BatchSummary, corpus_audit, run_batch

__all__ = ["BatchOptions", "BatchSummary", "content_hash", "corpus_audit", "discover", "run_batch"]
