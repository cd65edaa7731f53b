"""Our Markdown as plain text, for channels that show a message as typed (ntfy, SMS, syslog, `?format=text`).

apprise converts Markdown to HTML for HTML targets but passes it unchanged to text ones, where the escapes that
keep feed text inert ("0\\.8%", "\\[x\\]") and the link syntax would show. This reads the Markdown as a reader of
the rendered message would (markdown-it-py, the CommonMark parser rich uses): escapes resolved, a link as its
label and URL, a table row as its cells, a quote kept as "> ", headings and list items one line each.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable("table")
_BLOCK_ENDS = frozenset({"paragraph_close", "heading_close", "table_close", "bullet_list_close", "blockquote_close",
                         "ordered_list_close", "hr"})


def _inline(children: Sequence[Token]) -> str:
    """One inline run: text as it reads, a link as "label (url)" (the URL alone when it is its own label)."""
    out: list[str] = []
    label_start, href = 0, ""
    for tok in children:
        if tok.type in {"text", "text_special", "code_inline", "html_inline"}:
            out.append(tok.content)
        elif tok.type in {"softbreak", "hardbreak"}:
            out.append("\n")
        elif tok.type == "image":
            out.append(tok.content)
        elif tok.type == "link_open":
            label_start, href = len(out), str(tok.attrGet("href") or "")
        elif tok.type == "link_close" and href and "".join(out[label_start:]) != href:
            out.append(f" ({href})")
    return "".join(out)


def markdown_to_text(markdown: str) -> str:
    """The message a text-only channel should get for `markdown`: what its rendering says, without markup."""
    lines: list[str] = []
    quote, bullet, row = "", "", None
    for tok in _PARSER.parse(markdown):
        if tok.type == "blockquote_open":
            quote += "> "
        elif tok.type == "blockquote_close":
            quote = quote[:-2]
        elif tok.type == "list_item_open":
            bullet = f"{tok.info}{tok.markup} " if tok.info else "- "
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            lines.append(quote + " | ".join(row))
            row = None
        elif tok.type == "inline" and row is not None:
            row.append(_inline(tok.children or ()).replace("\n", " "))
        elif tok.type == "inline":
            text = _inline(tok.children or ())
            lines += [quote + (bullet if i == 0 else " " * len(bullet)) + line
                      for i, line in enumerate(text.split("\n"))]
            bullet = ""
        elif tok.type == "hr":
            lines.append(quote + "---")
        if tok.type in _BLOCK_ENDS and not tok.hidden and tok.level == 0:
            lines.append("")
    text = "\n".join(line.rstrip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
