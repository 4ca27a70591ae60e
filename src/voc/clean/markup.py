"""HTML bodies to plain text (help-desk exports keep `<p>`, `<div>`, `&amp;`).

Most feedback holds no markup and this runs on every row, so a text is only
parsed when it contains an HTML tag voc knows by name or a character entity:
"I <3 it", "price <10", "<here>" and "Ana <ana@x.pl> wrote:" are left alone.
Block elements become line breaks (sign-offs and quoted replies are found
line by line afterwards); quoted earlier messages (`<blockquote>`, Gmail's and
Outlook's quote containers) are dropped here, where their markup still shows them.
"""

from __future__ import annotations

import html
import re

_TAGS = (
    "a|abbr|address|article|b|big|blockquote|body|br|center|code|dd|del|div|dl|dt|em|font|footer|h[1-6]|head|header|"
    "hr|html|i|img|ins|li|link|meta|o:p|ol|p|pre|s|section|small|span|strike|strong|style|sub|sup|table|tbody|td|"
    "tfoot|th|thead|title|tr|tt|u|ul|wbr|script"
)
_MARKUP = re.compile(rf"</?(?:{_TAGS})(?=[\s/>])[^<>]*>|<!--", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_BLOCKS = "address, article, blockquote, dd, div, dl, dt, footer, h1, h2, h3, h4, h5, h6, header, hr, li, ol, p, pre, section, table, tr, ul"
_QUOTES = "blockquote, .gmail_quote, .gmail_extra, .yahoo_quoted, .moz-cite-prefix, #divRplyFwdMsg, #appendonsend"
_DROPPED = "head, style, script, title"


def has_markup(text: str) -> bool:
    return "<" in text and _MARKUP.search(text) is not None


def has_entities(text: str) -> bool:
    return "&" in text and _ENTITY.search(text) is not None


def to_text(text: str, drop_quotes: bool = True) -> tuple[str, bool]:
    """(plain text with one line per block, whether a quoted message was dropped)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    quoted = False
    for node in tree.css(_QUOTES) if drop_quotes else ():
        # Outlook's reply header div holds everything after it as siblings, not children.
        if node.attributes.get("id") in ("divRplyFwdMsg", "appendonsend"):
            while node.next is not None:
                node.next.decompose()
        node.decompose()
        quoted = True
    for node in tree.css(_DROPPED):
        node.decompose()
    for node in tree.css("br"):
        node.replace_with("\n")
    for node in tree.css(_BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    root = tree.body if tree.body is not None else tree.root
    plain = root.text(deep=True, separator="") if root is not None else ""
    return tidy(plain, blank_lines=False), quoted


def unescape(text: str) -> str:
    """Entities without tags ("Fish &amp; chips"): decoded, nothing parsed; twice when escaped twice
    ("&amp;raquo;", common in scraped posts)."""
    text = html.unescape(text)
    return tidy(html.unescape(text) if has_entities(text) else text)


def tidy(text: str, blank_lines: bool = True) -> str:
    """One space between words, no non-breaking or zero-width spaces, at most one blank line in a row
    (none from HTML, where every block boundary made one)."""
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}" if blank_lines else r"\n{2,}", "\n\n" if blank_lines else "\n", "\n".join(lines)).strip()
