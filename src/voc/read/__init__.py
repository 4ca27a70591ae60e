"""Step 1 of the flow: read exports into batches of a canonical working frame.

`open_inputs` opens every input (path or "-") as a `Source` that yields polars
batches of the user's columns; `fields.Fields` picks the text, id, date, score
and language-hint columns and turns each batch into the working frame that the
analysis stages see (columns in voc.core.columns).
"""

from voc.read.fields import FieldSpec, Fields
from voc.read.open import open_inputs
from voc.read.source import InputTable

__all__ = ["FieldSpec", "Fields", "InputTable", "open_inputs"]
