"""A private on-disk cache for what voc derives from its own data at start-up (part of core/: no columns).

Building a language's lexicon lemmatises every term (thousands of them) and
took seconds per language on every run, even for a 30-row export. The built
object depends only on the lexicon files, the overlay's files and the versions
of voc and of the lemmatisers, so it is kept under a key hashed from all of
them: an edited lexicon or an upgraded package makes a new key, never a stale
hit. The cache is an optimisation only: a folder that cannot be written, a
corrupt or foreign file, anything at all that goes wrong, and voc builds the
object as before. ``VOC_CACHE_DIR`` moves it; ``VOC_CACHE_DIR=off`` disables it.

A large read-only array (the sentence encoder's word-piece table, 65 MB) is
kept as a plain .npy file and memory-mapped (`mapped`): worker processes that
map one file share its pages instead of holding a copy each.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("VOC_CACHE_DIR")
    if configured:
        return None if configured.lower() == "off" else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "voc"


def key_of(label: str, files: Iterable[Path], packages: Iterable[str]) -> str:
    """A key that changes whenever a file's content or a package's version does."""
    digest = hashlib.sha256(label.encode())
    for name in sorted(set(packages)):
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    for path in sorted(set(files)):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached(kind: str, key: str, build: Callable[[], T], current: Callable[[], str] | None = None) -> T:
    """``build()``'s result, from the cache when it holds ``key``; stored there after a build.

    ``current()`` gives the key anew: when it differs after the build (a file was edited while it was
    read), the result is used but not stored, so it can never come back under the older files' key."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # the user's own cache folder, written only by voc
    except Exception:  # noqa: BLE001 - missing, truncated, from another Python: rebuild
        pass
    value = build()
    if current is not None and current() != key:
        return value
    _store(folder, path, kind, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def mapped(kind: str, key: str, build: Callable[[], "np.ndarray"]) -> "np.ndarray":
    """``build()``'s array as a read-only memory map of its copy in the cache (written after a build);
    ``build()``'s own array when the cache is off or fails in any way."""
    import numpy as np

    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{kind}-{key}.npy"
    try:
        return np.load(path, mmap_mode="r", allow_pickle=False)
    except Exception:  # noqa: BLE001 - missing or truncated: build and store it
        pass
    value = build()
    if not _store(folder, path, kind, lambda fh: np.save(fh, value, allow_pickle=False)):
        return value
    try:
        return np.load(path, mmap_mode="r", allow_pickle=False)
    except Exception:  # noqa: BLE001 - removed meanwhile: the array built in memory serves as well
        return value


def _store(folder: Path, path: Path, kind: str, write: Callable) -> bool:
    """Write ``path`` whole or not at all (two runs at once both write a complete file) and prune the
    kind's old entries; False where it could not be written (read-only home, full disk): voc runs on."""
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(temp, path)
        _prune(folder, kind, keep=path, suffix=path.suffix)
        return True
    except Exception:  # noqa: BLE001
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
        return False


def _prune(folder: Path, kind: str, keep: Path, suffix: str, days: float = 30) -> None:
    """Drop this kind's entries unused for a month: each lexicon edit or upgrade leaves one behind."""
    import time

    cutoff = time.time() - days * 86400
    for old in folder.glob(f"{kind}-*{suffix}"):
        if old != keep and old.stat().st_atime < cutoff and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
