"""Written documents (policies) in Markdown, shown formatted and safe.

Markdown is rendered by markdown-it-py's CommonMark parser with raw HTML
switched off (its default lets HTML through), then cleaned by nh3 with an
allow-list of tags: whatever a person typed, no script, no event attribute,
no `javascript:` link and no style reaches the page.
"""

import nh3
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False})

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text):
    """The HTML of `text` (Markdown), sanitised; a plain str to mark safe.

    The document sits under the page's own heading, so its headings go one
    level down (`#` is an <h2>)."""
    tokens = _parser.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    html = _parser.renderer.render(tokens, _parser.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
