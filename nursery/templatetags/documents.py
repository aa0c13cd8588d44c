"""`{{ policy.body|markdown }}`: a written document's Markdown, formatted
and sanitised (nursery.markdown)."""

from django import template
from django.utils.safestring import mark_safe

from nursery.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown(text):
    # Safe to mark: render_markdown keeps only its allow-list of tags and
    # attributes, and the parser escapes raw HTML.
    return mark_safe(render_markdown(text))
