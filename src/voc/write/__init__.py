"""Last step of the flow: write every row, the user's columns first, then voc's."""

from voc.write.writers import OUTPUT_FORMATS, open_writer, output_format

__all__ = ["OUTPUT_FORMATS", "open_writer", "output_format"]
