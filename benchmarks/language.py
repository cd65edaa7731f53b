"""Language identification on feed titles: accuracy and speed of the candidate libraries.

    python benchmarks/language.py [--feeds ../shared/feeds]

Each shared feed file has one known language (FEED_LANGUAGES below: checked by reading the items,
not taken from the feed: the Kannada portal's feed declares "kn" and carries English). Every item's
title, and its title plus summary, is identified by each detector; the share identified as the
item's language is printed per detector with titles/s and the resident memory it added. Titles are
the hard case: five to fifteen words, names and numbers. Then newsmon's rule (nlp.language: a
confident identification, else the feed's declared language) is scored on titles alone at several
thresholds, with the declarations the feeds really make.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FEED_LANGUAGES = {
    "real/guardian_us_2018.rss": "en", "real/cnn_hp_hero.rss": "en", "real/koreatimes_2022.rss": "en",
    "real/livemint_news.xml": "en", "real/aktuality_sk.rss": "sk", "real/lemonde_une.xml": "fr",
    "real/suspilne_ukrnet.xml": "uk", "real/golem_de_2017.xml": "de", "real/techcrunch.xml": "en",
    "real/huffpost_canada_2017.xml": "en", "real/macworld_2017.rss": "en",
    "real/medscape_family_medicine.rss": "en", "real/bbc_urdu.xml": "ur", "real/heise_online.rdf": "de",
    "real/heise_developer.atom": "de", "real/fz_se_2022.xml": "sv", "real/geekpark_cn.xml": "zh",
    "real/varthabharathi_kannada.rss": "en", "tricky/mf_cercle_psy_undeclared_latin1.xml": "fr",
    "tricky/rp_jn_pt_iso-8859-1.rss": "pt", "tricky/mf_ibash_windows-1251.xml": "ru",
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def detectors() -> dict[str, Callable[[], Callable[[str], str | None]]]:
    def py3langid() -> Callable[[str], str | None]:
        import py3langid as langid

        return lambda text: langid.classify(text)[0]

    def lingua(low: bool) -> Callable[[], Callable[[str], str | None]]:
        def build() -> Callable[[str], str | None]:
            from lingua import LanguageDetectorBuilder

            builder = LanguageDetectorBuilder.from_all_languages()
            detector = (builder.with_low_accuracy_mode() if low else builder).build()

            def detect(text: str) -> str | None:
                found = detector.detect_language_of(text)
                return found.iso_code_639_1.name.lower() if found else None
            return detect
        return build

    return {"py3langid": py3langid, "lingua (low accuracy)": lingua(True), "lingua (high accuracy)": lingua(False)}


def main() -> None:
    from newsmon.ingest.parse import parse_feed

    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=Path, default=ROOT.parent / "shared" / "feeds")
    args = parser.parse_args()
    import feedparser

    from nlp.language import article_language

    items: list[tuple[str, str, str]] = []
    declared: list[str | None] = []
    for name, lang in FEED_LANGUAGES.items():
        data = (args.feeds / name).read_bytes()
        parsed = parse_feed(data, feed_url=name, fetched_at=datetime.now(UTC))
        kept = [(lang, a.title, f"{a.title}. {a.summary[:300]}") for a in parsed.articles if a.title.strip()]
        items += kept
        declared += [feedparser.parse(data).feed.get("language")] * len(kept)
    langs = sorted({lang for lang, _, _ in items})
    print(f"{len(items)} items in {len(FEED_LANGUAGES)} feeds, languages: {', '.join(langs)}")
    print(f"{'detector':24} {'titles':>7} {'title+summary':>14} {'en/fr titles':>13} {'titles/s':>9} {'+RSS MB':>8}")
    for name, build in detectors().items():
        gc.collect()
        before = rss_mb()
        detect = build()
        detect("warm up the model")
        start = time.perf_counter()
        titles = [detect(t) for _, t, _ in items]
        per_s = len(items) / (time.perf_counter() - start)
        longer = [detect(t) for _, _, t in items]
        grown = rss_mb() - before
        def share(found: list[str | None], only: set[str] | None = None) -> float:
            pairs = [(lang, f) for (lang, _, _), f in zip(items, found, strict=True) if not only or lang in only]
            return sum(lang == f for lang, f in pairs) / len(pairs)
        print(f"{name:24} {share(titles):7.3f} {share(longer):14.3f} {share(titles, {'en', 'fr'}):13.3f} "
              f"{per_s:9.0f} {grown:8.0f}")
    print(f"\nnewsmon's rule on titles alone ({sum(map(bool, declared))} of {len(items)} items in feeds that "
          "declare a language)")
    print(f"{'confident':>9} {'titles':>7} {'en/fr':>6} {'unknown':>8} {'title+summary':>14} {'en/fr':>6}")
    for confident in (0.5, 0.8, 0.9, 0.95, 0.99):
        row = []
        for at in (1, 2):
            found = [article_language(title=item[at], declared=d, confident=confident)
                     for item, d in zip(items, declared, strict=True)]
            hits = [lang == f for (lang, _, _), f in zip(items, found, strict=True)]
            enfr = [h for (lang, _, _), h in zip(items, hits, strict=True) if lang in {"en", "fr"}]
            row += [f"{sum(hits) / len(hits):.3f}", f"{sum(enfr) / len(enfr):.3f}"]
            if at == 1:
                row.append(str(found.count(None)))
        print(f"{confident:9.2f} {row[0]:>7} {row[1]:>6} {row[2]:>8} {row[3]:>14} {row[4]:>6}")


if __name__ == "__main__":
    main()
