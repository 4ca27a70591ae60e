"""Which delimiter a CSV/TSV export uses: sniffed from its first records, or checked when given.

A wrong --delimiter does not fail by itself: "|" on a semicolon file with
multi-line cells reads every physical line as a row and exits 0. So a given
delimiter that splits no line, or splits the lines unevenly, while another one
fits is refused with the one that fits. A sniffed delimiter is used silently
when it is an obvious pick, announced when it is not, and refused when no
delimiter splits the lines evenly (see `guess_note`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from voc.core.errors import InputError

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 200
_EVEN = 0.9  # a delimiter fits when this share of sampled records has the header's field count


@dataclass(frozen=True)
class Fit:
    """How one delimiter splits the sampled records."""

    header: int  # fields in the header line
    even: float  # share of records with as many fields as the header
    longer: float  # share of records with more fields than the header (they cannot be read)
    widest: int  # most fields in any record

    @property
    def good(self) -> bool:
        return self.header > 1 and self.even >= _EVEN


def delimiter_fits(sample: str, candidates: tuple[str, ...] = DELIMITERS) -> dict[str, Fit]:
    """How each candidate splits the first records of ``sample`` (quoted newlines stay inside a record)."""
    lines = sample.splitlines(keepends=True)
    if len(sample) >= _SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    body = "".join(lines)
    fits = {}
    for candidate in candidates:
        try:
            counts = [len(r) for r, _ in zip(csv.reader(io.StringIO(body), delimiter=candidate), range(_SNIFF_RECORDS)) if r]
        except csv.Error:
            continue
        if counts:
            header = counts[0]
            fits[candidate] = Fit(
                header,
                sum(1 for c in counts if c == header) / len(counts),
                sum(1 for c in counts if c > header) / len(counts),
                max(counts),
            )
    return fits


def sniff_delimiter(sample: str, preferred: str = ",") -> str:
    """Pick the delimiter that splits the first records most consistently.

    A delimiter wins when the header splits into more than one field and most
    records have as many fields as the header; commas inside Italian or Polish
    prose then lose to the semicolons that really separate the columns.
    """
    best, best_key = preferred, None
    for candidate, fit in delimiter_fits(sample).items():
        key = (fit.header > 1, round(fit.even, 2), candidate == preferred, fit.header)
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


def check_given(delimiter: str, sample: str) -> None:
    """Refuse a --delimiter that does not fit when another one does: reading on would cut
    multi-line cells into rows (or glue columns together) and still exit 0."""
    fits = delimiter_fits(sample, tuple(dict.fromkeys((delimiter, *DELIMITERS))))
    given = fits.get(delimiter)
    others = [(d, f) for d, f in fits.items() if d != delimiter and f.good]
    if given is None or not others:
        return  # nothing fits better: a one-column file, or a delimiter voc does not know
    better, _ = max(others, key=lambda item: (item[1].even, item[1].header))
    if given.widest == 1:
        problem = "splits no line"
    elif given.header == 1:
        problem = "does not split the header line"
    elif given.longer > 0 or given.even < 0.5:
        problem = f"splits the lines unevenly ({given.even:.0%} of the first lines have the header's {given.header} fields)"
    else:
        return
    raise InputError(
        f"--delimiter {_arg(delimiter)} {problem}; the file looks {_arg(better)}-delimited: "
        f"use --delimiter {_arg(better)} or leave it out"
    )


def guess_note(chosen: str, sample: str) -> str | None:
    """A warning when the sniffed delimiter is not an obvious pick; refuse a weak one.

    Obvious (silent): the header splits into several fields and (nearly) every
    sampled record has as many, and no other delimiter does the same. That is
    every clean export, comma or semicolon alike, so a clean file gets no
    warning; the padded-rows note covers a few short rows.
    """
    fits = delimiter_fits(sample)
    fit = fits.get(chosen)
    if fit is None or (fit.header == 1 and fit.widest == 1 and len(sample.splitlines()) < 2):
        return None  # a header line alone: nothing to judge by
    if fit.header == 1:
        return (
            f"no delimiter ({', '.join(_arg(d) for d in DELIMITERS)}) splits the header: read as one column; "
            "pass --delimiter if the file has more"
        )
    if fit.longer > 0.5:
        raise InputError(
            f"no delimiter splits the lines evenly (with {_arg(chosen)}, {fit.longer:.0%} of the first lines have more fields "
            f"than the header's {fit.header}): check the quoting, or pass --delimiter"
        )
    rivals = [d for d, f in fits.items() if d != chosen and f.good]
    if rivals:
        return (
            f"delimiter guessed as {_arg(chosen)}, but {', '.join(map(_arg, rivals))} also splits the lines evenly: "
            "pass --delimiter to be sure"
        )
    if fit.even < 0.5:  # a few short rows are padded (and noted); most rows is a doubtful split
        return (
            f"delimiter guessed as {_arg(chosen)}, though only {fit.even:.0%} of the first lines have the header's "
            f"{fit.header} fields: pass --delimiter to be sure"
        )
    return None


def _arg(delimiter: str) -> str:
    """The delimiter as it is typed after --delimiter."""
    return "tab" if delimiter == "\t" else f"'{delimiter}'"
