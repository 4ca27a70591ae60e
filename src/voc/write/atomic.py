"""Write a file so that it appears whole or not at all.

Output goes to a hidden temporary file beside the target (same filesystem, so
the final rename is atomic) and replaces the target only once everything is
written and flushed to disk. On any failure, Ctrl-C or SIGTERM, the temporary
file is removed and an existing target is left exactly as it was: a cron job
that fails never leaves a half-written report for the next step to read.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


class AtomicFile:
    def __init__(self, target: Path) -> None:
        self.target = target
        directory = target.parent if str(target.parent) else Path(".")
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
        self.temp = Path(name)
        self.stream: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        # mkstemp creates the file private (0600); give it the mode a new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.temp, 0o666 & ~umask)
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        try:
            self.stream.close()
        finally:
            self.temp.unlink(missing_ok=True)
