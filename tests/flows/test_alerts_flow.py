"""The monitor flow under Prefect, run again and again over growing local feeds, posting to a real
local receiver of apprise's json:// target: exactly the expected alerts arrive, each once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA

BATCHES = [DATA / "alerts" / f"day{n}.xml" for n in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def receiver():
    """Records the JSON body of every post; answers `state["status"]`."""
    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    posts: list[dict] = []
    state = {"status": 200}

    def handler(request):
        posts.append(request.get_json())
        return Response(status=state["status"])

    server.expect_request("/hook", method="POST").respond_with_handler(handler)
    yield f"json://127.0.0.1:{server.port}/hook", posts, state
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def runs(prefect_harness, receiver, analyzer, tmp_path_factory):
    """Seven monitor cycles, then the daily digest flow twice; the titles posted by each step."""
    import flows.analyze
    from flows.digest import digest
    from flows.monitor import monitor

    url, posts, state = receiver
    folder = tmp_path_factory.mktemp("alerts")
    config = folder / "newsmon.toml"

    def cycle(batches: int, *, status: int = 200) -> list[str]:
        feeds = "".join(f'[[feeds]]\nurl = "{p}"\n\n' for p in BATCHES[:batches])
        config.write_text(f'[storage]\ndb = "newsmon.duckdb"\n\n[digest]\nout_dir = "digests"\nsend = true\n\n'
                          f'[alerts]\nurls = ["{url}"]\n\n{feeds}')
        state["status"] = status
        before = len(posts)
        monitor(str(config))
        return [p["title"] for p in posts[before:]]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(flows.analyze, "Analyzer", lambda: analyzer)  # one spaCy load for the module
        out = {
            "first": cycle(1),
            "unchanged": cycle(1),
            "repeat_and_new": cycle(2),
            "escalation": cycle(3),
            "receiver_down": cycle(4, status=500),
        }
        _time_passes(folder / "newsmon.duckdb")
        out["receiver_back"] = cycle(4)
        out["after"] = cycle(4)
        before = len(posts)
        digest(str(config), send=True)
        digest(str(config), send=True)
        out["digest"] = [p["title"] for p in posts[before:]]
    return out, folder / "newsmon.duckdb", posts


def _time_passes(db: Path) -> None:
    """Make the failed delivery due now instead of in five minutes."""
    from storage import connect

    with connect(db) as con:
        con.execute("UPDATE deliveries SET next_attempt_at = now() - INTERVAL 1 MINUTE WHERE status = 'failed'")


def test_first_run_posts_one_alert_per_distinct_new_claim(runs):
    out, _, posts = runs
    assert out["first"] == ["New tariff claim: United States → Canada, steel 25% (announced)",
                            "New tariff claim: China → Canada, agriculture 100% (imposed)"]
    assert "Sources (2):" in posts[0]["message"]  # two wire stories, one alert


def test_a_run_with_nothing_new_posts_nothing(runs):
    out, _, _ = runs
    assert out["unchanged"] == []


def test_a_repeated_claim_posts_nothing_and_a_new_one_posts_once(runs):
    out, _, _ = runs
    assert out["repeat_and_new"] == ["New tariff claim: European Union → United States, alcohol 10% (threatened)"]


def test_an_escalated_rate_posts_one_escalation(runs):
    out, _, _ = runs
    assert out["escalation"] == ["Escalation: United States → Canada, steel 25% → 50% (raised)"]


def test_a_failed_delivery_arrives_on_the_next_due_run_once(runs):
    out, db, _ = runs
    mexico = "New tariff claim: Mexico → United States, agriculture 15% (announced)"
    assert out["receiver_down"] == [mexico]  # received, answered 500
    assert out["receiver_back"] == [mexico] and out["after"] == []
    from storage import connect

    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT status, attempts FROM alerts ORDER BY recorded_at, first_seen_at").fetchall()
    assert rows == [("delivered", 1)] * 4 + [("delivered", 2)]  # five claims, one sent twice


def test_the_digest_is_sent_by_the_daily_flow_only_and_once(runs):
    out, _, _ = runs
    # every monitor cycle above rendered the digest with `[digest] send = true` and posted only alerts
    assert len(out["digest"]) == 1 and out["digest"][0].startswith("newsmon digest — ")
