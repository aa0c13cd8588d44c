"""Item 16: printed records fetch nothing, and a template that references a
resource by URL still gives a PDF."""

import socket
import subprocess

import pytest

from transitions.services import html_to_pdf

PDF_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="https://cdn.example.org/print.css">
<link rel="stylesheet" href="file:///etc/passwd">
<style>@import url("http://127.0.0.1:9/more.css");
body { background: url("http://127.0.0.1:9/bg.png"); }</style>
</head><body>
<img src="https://cdn.example.org/logo.png" alt="Logo">
<img src="file:///etc/hostname" alt="">
<h1>{{ title }}</h1>{{ body }}</body></html>
"""


@pytest.fixture
def template_with_resources(settings, tmp_path):
    folder = tmp_path / "transitions"
    folder.mkdir()
    (folder / "pdf.html").write_text(PDF_TEMPLATE)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path), *settings.TEMPLATES[0]["DIRS"]]}
    ]


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_a_pack_template_referencing_an_image_and_a_stylesheet_gives_a_pdf_fetching_nothing(
    template_with_resources, no_network, monkeypatch
):
    opened = []
    real_open = open

    def watching_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching_open)
    pdf = html_to_pdf(body="<p>PACK-BODY</p>", title="Transfer pack")

    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "PACK-BODY" in text
    assert no_network == []
    assert not [p for p in opened if p in ("/etc/passwd", "/etc/hostname")]
