"""voc: voice-of-customer text mining (read -> detect -> analyse -> tag -> write)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("voc")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
