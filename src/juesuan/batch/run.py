"""Run a batch: hash, skip what is stored, process the rest on Dask, write, then cross-check.

The driver is the one writer. It hashes every file (the content hash is the document's key),
submits the files the warehouse lacks to Dask — a ``LocalCluster`` of worker processes by default,
or an existing cluster's scheduler — and stores results as they come back, a few documents per
transaction, so a batch killed at any moment keeps whole documents and a re-run continues where it
stopped. Last, it runs the cross-document rules over every stored document (their findings depend
on which documents are stored, so they are recomputed, never appended).
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.audit.config import AuditConfig
from juesuan.audit.corpus import DocumentRef
from juesuan.audit.engine import run_audit
from juesuan.audit.finding import Finding
from juesuan.audit.registry import Family
from juesuan.batch.discover import content_hash
from juesuan.batch.work import process, warm_up
from juesuan.read.errors import InputError
from juesuan.score.policy import Policy, load_policy
from juesuan.warehouse.rows import DocumentResult
from juesuan.warehouse.store import Warehouse

FLUSH_SECONDS = 2.0
"""Results are written in groups (one transaction each): ``commit_every`` documents, or this old."""
IN_FLIGHT_PER_WORKER = 4
"""Documents queued per worker: enough to keep it busy, few enough to bound the driver's memory."""

Progress = Callable[[int, int], None]
"""Called with (documents done, documents to do) after every stored group."""


@dataclass
class BatchOptions:
    workers: int = 2
    scheduler: str | None = None
    """A running Dask scheduler's address (``tcp://host:8786``); workers must see the same paths."""
    config: AuditConfig = field(default_factory=AuditConfig)
    policy: str = "national"
    log: Path | None = None
    """A JSON-lines file: one line per document stored (doc_id, path, status, error_code)."""
    commit_every: int = 16
    """Documents per transaction: fewer lose less work to a kill, more write faster."""


@dataclass
class BatchSummary:
    found: int = 0
    """Files the arguments named."""
    duplicates: int = 0
    """Files whose content another file of this batch already has."""
    skipped: int = 0
    """Documents already in the warehouse."""
    processed: int = 0
    refused: int = 0
    """Processed documents that could not be read (their rows hold the error code)."""
    corpus_findings: int = 0
    corpus_seconds: float = 0.0
    """Time the cross-document rules took (after every document was stored)."""
    seconds: float = 0.0
    documents_per_second: float = 0.0


@contextmanager
def dask_client(options: BatchOptions) -> Iterator[Any]:
    """A Dask client: on the given scheduler, or on a local cluster of worker processes."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise InputError("G003", "无法连接 Dask 调度器", f"cannot reach the Dask scheduler ({exc})",
                             options.scheduler) from None
        try:
            yield client
        finally:
            client.close()
        return
    with warnings.catch_warnings():  # "port 8787 in use": its status page takes another, on 127.0.0.1
        warnings.filterwarnings("ignore", message=".*already in use", category=UserWarning)
        cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def run_batch(files: Sequence[Path], warehouse: Warehouse, options: BatchOptions,
              progress: Progress | None = None) -> BatchSummary:
    """Store every file of ``files`` not yet in ``warehouse``, then recompute the corpus findings."""
    started = time.perf_counter()
    summary = BatchSummary(found=len(files))
    policy = load_policy(options.policy)
    stored = warehouse.stored()
    todo: dict[str, tuple[str, int]] = {}
    extra_paths: list[tuple[str, str]] = []
    for path in files:
        doc_id, size = content_hash(path)
        if doc_id in stored or doc_id in todo:
            summary.skipped += doc_id in stored
            summary.duplicates += doc_id in todo
            extra_paths.append((doc_id, str(path)))
            continue
        todo[doc_id] = (str(path), size)
    log = options.log.open("a", encoding="utf-8") if options.log else None
    try:
        if todo or warehouse.corpus_stale():
            with dask_client(options) as client:
                client.run(warm_up)
                _ingest(client, warehouse, todo, options, policy, summary, log, progress)
                warehouse.add_sources(extra_paths)
                corpus_started = time.perf_counter()
                summary.corpus_findings = corpus_audit_on(client, warehouse, options.config)
                summary.corpus_seconds = time.perf_counter() - corpus_started
        else:  # nothing new: the stored cross-document findings are current
            warehouse.add_sources(extra_paths)
            summary.corpus_findings = warehouse.con.execute(
                "SELECT count(*) FROM findings WHERE scope = 'corpus'").fetchall()[0][0]
        warehouse.checkpoint()
    finally:
        if log:
            log.close()
    summary.seconds = time.perf_counter() - started
    summary.documents_per_second = summary.processed / summary.seconds if summary.seconds else 0.0
    return summary


def _ingest(client: Any, warehouse: Warehouse, todo: dict[str, tuple[str, int]],
            options: BatchOptions, policy: Policy, summary: BatchSummary, log: Any,
            progress: Progress | None) -> None:
    """Process ``todo`` (doc_id → (path, size)) on the workers, a bounded number in flight, and
    store the results as they arrive."""
    from distributed import as_completed

    pending = iter(sorted(todo.items(), key=lambda kv: kv[1][0]))
    workers = max(1, len(client.scheduler_info().get("workers", {})) or options.workers)
    cfg = client.scatter(options.config, broadcast=True)
    pol = client.scatter(policy, broadcast=True)

    def submit() -> Any | None:
        item = next(pending, None)
        if item is None:
            return None
        doc_id, (path, size) = item
        return client.submit(process, path, doc_id, size, cfg, pol, options.policy,
                             key=f"juesuan-{doc_id}", pure=False)

    queue = as_completed([f for f in (submit() for _ in range(workers * IN_FLIGHT_PER_WORKER))
                          if f is not None])
    buffer: list[DocumentResult] = []
    last = time.monotonic()
    for future in queue:
        buffer.append(future.result())
        future.release()
        following = submit()
        if following is not None:
            queue.add(following)
        if len(buffer) >= options.commit_every or time.monotonic() - last > FLUSH_SECONDS:
            _flush(warehouse, buffer, summary, log, progress, len(todo))
            last = time.monotonic()
    _flush(warehouse, buffer, summary, log, progress, len(todo))


def _flush(warehouse: Warehouse, buffer: list[DocumentResult], summary: BatchSummary,
           log: Any, progress: Progress | None, total: int) -> None:
    if not buffer:
        return
    warehouse.write(buffer)
    summary.processed += len(buffer)
    summary.refused += sum(r.document["status"] != "ok" for r in buffer)
    if log is not None:
        for r in buffer:
            log.write(json.dumps({"doc_id": r.doc_id, "path": r.path, "status": r.document["status"],
                                  "error_code": r.document.get("error_code")},
                                 ensure_ascii=False) + "\n")
        log.flush()
    buffer.clear()
    if progress is not None:
        progress(summary.processed, total)


def corpus_findings(warehouse: Warehouse, refs: Sequence[DocumentRef], config: AuditConfig
                    ) -> dict[str, list[Finding]]:
    """The cross-document rules' findings on each of ``refs``, against every stored document."""
    found: dict[str, list[Finding]] = {}
    for ref in refs:
        findings = run_audit(warehouse.disclosure(ref), config, related=warehouse,
                             document_id=ref.doc_id, families={Family.CORPUS})
        if findings:
            found[ref.doc_id] = findings
    return found


def corpus_chunk(path: str, refs: Sequence[DocumentRef], config: AuditConfig
                 ) -> dict[str, list[Finding]]:
    """On a worker: :func:`corpus_findings` over a read-only connection of its own."""
    with Warehouse(path) as warehouse:
        return corpus_findings(warehouse, refs, config)


def corpus_audit(warehouse: Warehouse, config: AuditConfig) -> int:
    """In this process: recompute and store every cross-document finding; returns their count."""
    found = corpus_findings(warehouse, warehouse.documents(), config)
    warehouse.replace_corpus_findings(found)
    return sum(len(f) for f in found.values())


def corpus_audit_on(client: Any, warehouse: Warehouse, config: AuditConfig) -> int:
    """On Dask: the writer steps aside, the workers read the warehouse (read-only, each a chunk of
    documents, a department's years together so last year is decoded once), the writer stores
    what they found. Returns the number of cross-document findings."""
    refs = sorted(warehouse.documents(), key=lambda r: (r.department or "", r.year or 0, r.doc_id))
    if not refs:
        warehouse.replace_corpus_findings({})
        return 0
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = max(1, -(-len(refs) // (workers * IN_FLIGHT_PER_WORKER)))
    path = str(warehouse.path.absolute())
    warehouse.checkpoint()
    warehouse.close()
    try:
        futures = [client.submit(corpus_chunk, path, refs[i:i + size], config, pure=False)
                   for i in range(0, len(refs), size)]
        found: dict[str, list[Finding]] = {}
        for part in client.gather(futures):
            found.update(part)
    finally:
        warehouse.reopen()
    warehouse.replace_corpus_findings(found)
    return sum(len(f) for f in found.values())
