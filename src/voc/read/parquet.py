"""Parquet files, streamed row group by row group (reads files; yields the user's columns, types kept)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import polars as pl

from voc.core.errors import InputError
from voc.read.source import Source


class ParquetSource(Source):
    def __init__(self, path: Path, name: str) -> None:
        super().__init__(path, name)
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._file = pq.ParquetFile(path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise InputError(f"not a readable Parquet file ({type(exc).__name__}): export it again") from None
        empty = pl.from_arrow(self._file.schema_arrow.empty_table())
        self.schema = dict(empty.schema)
        self._rows_done = 0

    def bytes_read(self) -> int:
        total = self._file.metadata.num_rows or 1
        return int(self.size * self._rows_done / total)

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        yielded = False
        for record_batch in self._file.iter_batches(batch_size=size):
            frame = pl.from_arrow(record_batch)
            self._rows_done += frame.height
            yielded = True
            yield frame
        if not yielded:
            yield pl.DataFrame(schema=self.schema)
