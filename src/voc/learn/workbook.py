"""The workbook `voc sample` writes for labelling (learn step; writes the chosen rows, reads nothing).

Sheet "to label": id, text, language, voc's guesses (voc_sentiment, voc_scope,
voc_topics, and with ``signals`` voc_intent, voc_emotion, voc_churn, voc_effort:
named apart from the labels so nobody mistakes a guess for an answer), then the
empty label columns with drop-down lists of the values `voc learn` accepts. Sheet "how to label": the definitions in a few lines.
The file appears whole or not at all (write/atomic.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from voc.core import columns as C
from voc.learn.labels import SCOPES, SENTIMENTS
from voc.write.atomic import AtomicFile
from voc.write.safety import guard_value

XLSX_MAX_CHARS = 32_767
SHEET = "to label"
LABEL_COLUMNS = ("sentiment_label", "scope_label", "categories_label")
# With --signals: (voc's guess column, the label column, its values), after the three above.
SIGNAL_COLUMNS = (
    (C.INTENT, "intent_label", C.INTENTS), (C.EMOTION, "emotion_label", C.EMOTIONS),
    (C.CHURN_RISK, "churn_label", ("true", "false")), (C.EFFORT, "effort_label", ("high", "normal")),
)  # fmt: skip
HOW_TO_SIGNALS = [
    "",
    "With intent_label, emotion_label, churn_label, effort_label (add to the voc learn command: --intent-col intent_label "
    "--emotion-col emotion_label --churn-col churn_label --effort-col effort_label):",
    "  intent_label: what the writer wants. request (the company should do something) > question (information) > "
    "suggestion > complaint > praise > other: the first that applies.",
    "  emotion_label: the dominant feeling: anger, disappointment, worry, joy, gratitude, or none "
    "('thanks in advance' is none).",
    "  churn_label: true when the writer says or clearly implies leaving (cancelling a contract or account, switching, "
    "never coming back); cancelling an order is false.",
    "  effort_label: high when the customer had to work to get it done (called again, transferred, on hold, chasing, "
    "going in person); a late delivery is normal.",
]
HOW_TO = [
    "How to label (then: voc learn THIS_FILE.xlsx --text-col text --sentiment-col sentiment_label "
    "--scope-col scope_label --categories-col categories_label -o model/)",
    "",
    "Fill the three *_label columns; leave a cell empty where you cannot decide: that row is skipped for that label only.",
    "voc_sentiment, voc_scope and voc_topics are voc's current guesses: check them, do not copy them.",
    "",
    "sentiment_label: how the customer feels, as written.",
    "  negative: a complaint, disappointment, anger.  positive: praise, thanks, satisfaction.",
    "  neutral: a question, a fact, a request, or mixed feelings that cancel out.",
    "",
    "scope_label: what the text is about, whatever its sentiment.",
    "  service: an interaction with the company's people or support channels (an agent, a hotline, a chat, "
    "staff's manner, how a complaint or refund was handled).",
    "  experience: any other part of the journey (the product, price, delivery, website and app, a delayed "
    "flight, the room, policies; overall praise or blame naming no aspect).",
    "  both: it clearly speaks about both.",
    "  none: nothing about the customer's relation with a company (news, ads, spam, 'ok', '-').",
    "",
    "categories_label: your own categories, any names, ';' between several (late delivery; refund). "
    "Use the same spelling every time.",
    "",
    "Full definitions and edge cases: docs/scope.md in voc's repository.",
]


@dataclass
class SheetRow:
    id: str
    text: str
    language: str | None
    sentiment: str | None
    scope: str | None
    topics: list[str]
    signals: dict = field(default_factory=dict)  # voc's intent, emotion, churn_risk, effort (shown with signals=True)


def write_workbook(path: Path, rows: list[SheetRow], *, guard: bool = True, signals: bool = False) -> int:
    """Write the labelling workbook; returns how many texts were cut to Excel's cell limit."""
    import xlsxwriter

    atomic = AtomicFile(path)
    try:
        book = xlsxwriter.Workbook(
            atomic.stream, {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
        )
        cut = _fill(book, rows, guard, signals)
        book.close()
        atomic.commit()
    except BaseException:
        atomic.abort()
        raise
    return cut


def _fill(book, rows: list[SheetRow], guard: bool, signals: bool = False) -> int:  # noqa: ANN001 - xlsxwriter.Workbook
    sheet = book.add_worksheet(SHEET)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    label = book.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    to_fill = book.add_format({"valign": "top", "bg_color": "#FFFBEA", "border": 1, "border_color": "#D9D9D9"})
    columns = [("id", 14, top), ("text", 70, wrap), ("language", 9, top), ("voc_sentiment", 13, top),
               ("voc_scope", 11, top), ("voc_topics", 24, wrap)]  # fmt: skip
    extra = SIGNAL_COLUMNS if signals else ()
    columns += [(f"voc_{guess.removesuffix('_risk')}", 13, top) for guess, _, _ in extra]
    labels = (*LABEL_COLUMNS, *(name for _, name, _ in extra))
    columns += [(name, 17 if name != "categories_label" else 26, to_fill) for name in labels]
    for col, (name, width, fmt) in enumerate(columns):
        sheet.set_column(col, col, width, fmt)
        sheet.write_string(0, col, name, label if name in labels else header)
    sheet.freeze_panes(1, 2)  # the header and the id and text stay in view while labelling
    cut = 0
    for r, row in enumerate(rows, start=1):
        text = row.text or ""
        if len(text) > XLSX_MAX_CHARS:
            text, cut = text[:XLSX_MAX_CHARS], cut + 1
        values = [row.id, text, row.language, row.sentiment, row.scope, "; ".join(row.topics or [])]
        values += [_shown(row.signals.get(guess)) for guess, _, _ in extra]
        for col, value in enumerate(values):
            if value:
                sheet.write_string(r, col, guard_value(value) if guard else value, columns[col][2])
        for col in range(len(values), len(columns)):
            sheet.write_blank(r, col, None, to_fill)
    last = max(len(rows), 1)
    first_label = len(columns) - len(labels)
    lists = {"sentiment_label": SENTIMENTS, "scope_label": SCOPES, **{name: values for _, name, values in extra}}
    for offset, name in enumerate(labels):
        col = first_label + offset
        if name in lists:
            sheet.data_validation(1, col, last, col, {
                "validate": "list", "source": list(lists[name]), "ignore_blank": True,
                "input_title": name, "input_message": "Pick one, or leave empty to skip this row for this label.",
                "error_title": name, "error_message": f"Use one of: {', '.join(lists[name])} (or leave empty).",
            })  # fmt: skip
        else:  # free text: a prompt only
            sheet.data_validation(1, col, last, col, {
                "validate": "any", "input_title": name,
                "input_message": "Your own categories; ';' between several. Empty: not labelled.",
            })  # fmt: skip
    sheet.autofilter(0, 0, last, len(columns) - 1)
    help_sheet = book.add_worksheet("how to label")
    help_sheet.set_column(0, 0, 120, wrap)
    title = book.add_format({"bold": True, "font_size": 12})
    for r, line in enumerate(HOW_TO + (HOW_TO_SIGNALS if signals else [])):
        if line:
            help_sheet.write_string(r, 0, line, title if r == 0 else wrap)
    return cut


def _shown(value) -> str | None:  # noqa: ANN001 - a string, a bool (churn_risk) or None
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
