"""`newsmon feeds export` and `feeds import`: OPML 2.0 that round-trips names and tags, http(s) feeds only."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from newsmon.opml import export_opml, read_opml
from newsmon.settings import FeedSettings, load_settings

runner = CliRunner()
FEEDS = """
[[feeds]]
url = "https://www.example.ca/webfeed/rss/rss-business"
name = "Business & <Markets>"
tags = ["canada", "business"]

[[feeds]]
url = "https://trade.example.com/feed.xml?format=atom&lang=en"
name = "Trade desk"

[[feeds]]
url = "http://127.0.0.1:8080/local.rss"
tags = ["lab"]
"""


def _feeds(path):
    return [(f.url, f.name, f.tags) for f in load_settings(path).feeds]


def test_export_then_import_gives_back_the_same_feeds(tmp_path):
    source = tmp_path / "source.toml"
    source.write_text('[storage]\ndb = "n.duckdb"\n' + FEEDS)
    exported = tmp_path / "feeds.opml"
    result = runner.invoke(app, ["feeds", "export", "--output", str(exported), "--config", str(source)])
    assert result.exit_code == 0, result.output
    root = ElementTree.parse(exported).getroot()
    assert root.get("version") == "2.0"
    first = root.find("body/outline")
    assert first.get("title") == first.get("text") == "Business & <Markets>"
    assert first.get("category") == "canada,business" and first.get("type") == "rss"

    target = tmp_path / "target.toml"
    target.write_text('[storage]\ndb = "n.duckdb"\n')
    result = runner.invoke(app, ["feeds", "import", str(exported), "--config", str(target)])
    assert result.exit_code == 0, result.output
    assert _feeds(target) == _feeds(source)
    assert [line.split()[0] for line in result.output.splitlines()] == ["added", "added", "added", "3"]
    assert result.output.splitlines()[-1] == f"3 added, 0 skipped; configuration: {target}"


def test_export_leaves_out_local_feed_files_one_line_each_so_import_takes_all_it_gets(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "wire.xml").write_text("<rss/>")
    source = tmp_path / "demo.toml"
    source.write_text('[storage]\ndb = "n.duckdb"\n' + FEEDS + '\n[[feeds]]\nurl = "feeds/wire.xml"\n'
                      'name = "Demo wire"\n')
    exported = tmp_path / "feeds.opml"
    result = runner.invoke(app, ["feeds", "export", "--output", str(exported), "--config", str(source)])
    assert result.exit_code == 0, result.output
    wire = tmp_path / "feeds" / "wire.xml"
    assert result.stderr.splitlines() == [f"skipped {wire} (Demo wire): not an http(s) URL a feed reader can fetch",
                                          f"3 feeds written to {exported}"]
    target = tmp_path / "target.toml"
    result = runner.invoke(app, ["feeds", "import", str(exported), "--config", str(target)])
    assert result.output.splitlines()[-1] == f"3 added, 0 skipped; configuration: {target}"


def test_import_skips_other_schemes_and_known_feeds_one_line_each(tmp_path):
    opml = tmp_path / "reader.opml"
    opml.write_text("""<?xml version="1.0"?>
<opml version="2.0"><head><title>reader</title></head><body>
  <outline text="Trade"><outline type="rss" text="In a folder" xmlUrl="https://folder.example/rss"
      category="/news/steel"/></outline>
  <outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="FTP" xmlUrl="ftp://files.example/feed.xml"/>
  <outline type="rss" text="Relative" xmlUrl="feeds/local.xml"/>
  <outline type="rss" text="Known" xmlUrl="https://trade.example.com/feed.xml?format=atom&amp;lang=en"/>
</body></opml>""")
    config = tmp_path / "newsmon.toml"
    config.write_text(FEEDS)
    before = config.read_text()
    result = runner.invoke(app, ["feeds", "import", str(opml), "--config", str(config)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:5] == [
        "added https://folder.example/rss (In a folder)",
        "skipped javascript:alert(1) (Script): not an http(s) URL",
        "skipped ftp://files.example/feed.xml (FTP): not an http(s) URL",
        "skipped feeds/local.xml (Relative): not an http(s) URL",
        "skipped https://trade.example.com/feed.xml?format=atom&lang=en (Known): already configured",
    ]
    assert lines[5] == f"1 added, 4 skipped; configuration: {config}"
    assert config.read_text().startswith(before)  # appended; the file's own text kept
    assert _feeds(config)[-1] == ("https://folder.example/rss", "In a folder", ["Trade", "steel"])


@pytest.mark.parametrize("content", [b"<html><body>not a list</body></html>", b"\x00\x01 not xml"])
def test_a_file_that_is_not_opml_is_one_line_error(tmp_path, content):
    bad = tmp_path / "bad.opml"
    bad.write_bytes(content)
    result = runner.invoke(app, ["feeds", "import", str(bad), "--config", str(tmp_path / "n.toml")])
    assert result.exit_code == 1
    assert result.output.startswith("error:") and "bad.opml" in result.output and len(result.output.splitlines()) == 1
    assert not (tmp_path / "n.toml").exists()


def test_export_escapes_and_reads_back_without_the_network():
    feeds = [FeedSettings(url="https://a.example/rss?x=1&y=2", name='Quotes "and" <tags>', tags=["a", "b"])]
    (parsed,) = read_opml(export_opml(feeds).encode())
    assert (parsed.url, parsed.name, parsed.tags) == ("https://a.example/rss?x=1&y=2", 'Quotes "and" <tags>',
                                                      ["a", "b"])
