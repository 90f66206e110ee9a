"""Body typography, done once when an item is read so that Pelican's cache keeps the result.

typogrify's own caps filter skips words with Turkish capitals (İBB, İSKİ); its other
filters are used as they are and belde.turkish.tr_caps replaces caps. smartypants, widont and
amp, three quarters of the typesetting time, are run only where they can change something,
with the same result as over the whole body; and where smartypants' only work is curling the
quotes of prose (Kağıthane'de, "…" dedi), they are curled in one pass, as its rules curl them.
"""

import html
import re

import smartypants
from typogrify.filters import amp, initial_quotes, widont

from ..turkish import tr_caps

_SMARTYPANTS = smartypants.Attr.set1 | smartypants.Attr.w
# Press copy often leaves a space inside an opening quote (`dedi ki, " İstanbul`), which
# smartypants would read as a closing quote.
_LOOSE_OPENING_QUOTE = re.compile(r'(?<=[\s(>])"[ \t]+(?=\w)')
# smartypants and widont write numeric entities (&#8217; is 7 bytes, ’ is 3); a page is UTF-8,
# so the characters themselves are written, once typogrify's filters have matched the entities.
_CHARACTERS = {"&#8216;": "‘", "&#8217;": "’", "&#8220;": "“", "&#8221;": "”", "&#8211;": "–",
               "&#8212;": "—", "&#8230;": "…", "&nbsp;": "\u00a0"}  # fmt: skip
_ENTITY = re.compile("|".join(map(re.escape, _CHARACTERS)))


# smartypants changes only quotes, backticks, backslash escapes, double hyphens, three dots and
# &quot;: a stretch of HTML with none of them comes out as it went in.
_SMARTYPANTS_WORK = re.compile(r"""['"`\\]|--|\.\.|\. \.|&quot;""")
# Elements whose insides smartypants leaves alone, tracked across its runs of text, and comments,
# which may hold '>' and '<': a body with any of them is typeset whole.
_SMARTYPANTS_WHOLE = re.compile(r"<!--|</?(?:" + "|".join(smartypants.tags_to_skip) + ")", re.IGNORECASE)
_LINE_BEFORE_TAG = re.compile(r"\n(?=<[^>]*>)")
# The block ends at which widont ties the last two words (and the end of the text).
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
_LAST_WORDS = 40  # characters before a block's end that nearly always hold widont's last two words


def typeset_html(text: str) -> str:
    text = _LOOSE_OPENING_QUOTE.sub('"', text)
    typeset = _widont(initial_quotes(tr_caps(_smartypants(_amp(text)))))
    return _ENTITY.sub(lambda match: _CHARACTERS[match.group()], typeset)


def _amp(text: str) -> str:
    """typogrify's amp(text): it wraps ampersands and rewrites nothing else, so a body without
    one is left as it is, without amp's pass over every tag."""
    return amp(text) if "&" in text else text


def _smartypants(text: str) -> str:
    """smartypants.smartypants(text), run only over the blocks it has work in.

    smartypants reads HTML as tags and runs of text, and curls each run on its own, except a
    run that is a lone quote: that one is curled by the last character of the run before. A
    line break between two tags is a run of its own, and no quote curls after whitespace as
    after nothing, so the text splits at such breaks without a change. A quarter of a press
    item's blocks (headings, datelines, many list items) have nothing for smartypants to do.
    """
    if _SMARTYPANTS_WHOLE.search(text):
        return smartypants.smartypants(text, _SMARTYPANTS)
    parts, start = [], 0
    for match in _LINE_BEFORE_TAG.finditer(text):
        end = match.start() - 1  # a '>' there ends a tag when a '<' comes after the '>' before it
        if end >= 0 and text[end] == ">" and text.rfind("<", 0, end) > text.rfind(">", 0, end):
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return "\n".join(_curl(part) if _SMARTYPANTS_WORK.search(part) else part for part in parts)


# smartypants reads HTML as tags and runs of text between them (its _tokenize), and comments;
# a body with a comment is typeset whole (_SMARTYPANTS_WHOLE).
_TAG = re.compile(r"(<[^>]*>)")
# In a run of text without any of these, smartypants' only work is its quote rules
# (convert_quotes): no escapes, &quot;, entities, dashes, ellipses or backticks, and no 's'
# between two single quotes, which the rule for "'s" takes from the second.
_NOT_QUOTES_ALONE = re.compile(r"""[\\&`]|--|\.\.\.|\. \. \.|'s'""")
_QUOTES = re.compile(r"""['"]""")
_OPENING_BRACKETS_DASH_QUOTES = "[{(-'\""


def _plain_quote(run: str, at: int) -> str | None:
    """The quote at run[at] curled, where convert_quotes' rules, applied one after another, all
    come to one result (else None). After a space or at the start of the run, a quote before a
    letter or digit opens (‘ “; not before '_', a word character that convert_quotes also counts
    as punctuation). After any other character but an opening bracket, a dash or a quote, a
    double quote closes (”), and so does a single quote, an apostrophe, unless a digit follows
    (’). The character tests are those of the rules' \\s, \\w and \\d."""
    before = run[at - 1] if at else None
    after = run[at + 1] if at + 1 < len(run) else None
    if before is None or before.isspace():
        if after is not None and after.isalnum():
            return "&#8216;" if run[at] == "'" else "&#8220;"
        return None
    if before in _OPENING_BRACKETS_DASH_QUOTES:
        return None
    if run[at] == '"':
        return "&#8221;"
    return None if after is not None and after.isdecimal() else "&#8217;"


def _curl(part: str) -> str:
    """smartypants.smartypants(part): curled_quotes(part) where it answers."""
    curled = curled_quotes(part)
    return smartypants.smartypants(part, _SMARTYPANTS) if curled is None else curled


def curled_quotes(part: str) -> str | None:
    """smartypants.smartypants(part) for a part whose runs of text need only their quotes
    curled, each a plain one (_plain_quote): each is replaced as its rule says, in one pass
    instead of smartypants' two dozen over each run. None for any other part (a run that is a
    lone quote, which smartypants curls by the run before it, is not a plain one)."""
    pieces = _TAG.split(part)
    for index in range(0, len(pieces), 2):  # runs of text, between the tags
        run = pieces[index]
        if not run or not _SMARTYPANTS_WORK.search(run):
            continue
        if _NOT_QUOTES_ALONE.search(run):
            return None
        curled, last = [], 0
        for match in _QUOTES.finditer(run):
            quote = _plain_quote(run, match.start())
            if quote is None:
                return None
            curled += [run[last : match.start()], quote]
            last = match.end()
        pieces[index] = "".join(curled) + run[last:]
    return "".join(pieces)


def _widont(text: str) -> str:
    """typogrify's widont(text), run over the end of each block.

    widont's pattern is tried at every character, and can match only once in a block: at the
    space before its last word, with nothing but closing inline tags between that word and the
    block's end. Run over each block, or over the last characters of a block when it finds
    its match there, it gives the same result in a fifth of the time.
    """
    blocks, start = [], 0
    for match in _BLOCK_END.finditer(text):
        blocks.append(_widont_block(text[start : match.end()]))
        start = match.end()
    blocks.append(widont(text[start:]))
    return "".join(blocks)


def _widont_block(block: str) -> str:
    if len(block) > _LAST_WORDS:
        cut = len(block) - _LAST_WORDS
        tail = block[cut:]
        tied = widont(tail)
        if tied != tail:
            return block[:cut] + tied
    return widont(block)


def typeset_plain(text: str) -> str:
    """Curly quotes and dashes for a plain-text field (a title), which stays plain text."""
    return html.unescape(smartypants.smartypants(html.escape(text, quote=False), _SMARTYPANTS))
