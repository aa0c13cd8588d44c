"""A printed record runs in the reader's direction: right to left in Urdu."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize(("language", "direction"), [("en-gb", "ltr"), ("ur", "rtl")])
def test_a_printed_record_is_laid_out_in_the_readers_direction(language, direction):
    with translation.override(language):
        document = render_to_string("transitions/pdf.html", {"body": "<p>…</p>", "title": "—"})
    assert f'dir="{direction}"' in document
