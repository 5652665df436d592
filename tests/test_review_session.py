"""Review policy lives in the session, not in a window: the first correction starts the review."""

from __future__ import annotations

from conftest import FIXTURES
from desktop.core.review import ReviewSession
from desktop.core.store import Store, import_file

REPORT = FIXTURES / "reports" / "f15_2020_text_tab.txt"


def _session(tmp_path) -> ReviewSession:
    store = Store(tmp_path / "db.sqlite")
    return ReviewSession(store, import_file(store, REPORT).report_id)


def _state_rows(session: ReviewSession) -> list[tuple[str, str]]:
    return [(a["old"], a["new"]) for a in session.store.audit_trail(session.report_id) if a["action"] == "state"]


def test_first_correction_moves_an_unreviewed_report_to_in_review(tmp_path):
    session = _session(tmp_path)
    changes = []
    session.subscribe(changes.append)
    assert session.record.state == "unreviewed"
    session.set_value("active.rules.made", 5)
    assert session.record.state == "in_review" and session.store.summaries()[0]["state"] == "in_review"
    assert changes[-1].state and changes[-1].keys == {"active.rules.made"}
    session.set_values({"active.rules.made": 6, "active.rules.published": 1})
    assert _state_rows(session) == [("unreviewed", "in_review")]  # audited once, not per edit
    assert not changes[-1].state
    session.store.close()


def test_a_finished_report_stays_finished_when_corrected(tmp_path):
    session = _session(tmp_path)
    session.set_review_state("done")
    session.set_value("active.rules.made", 5)
    assert session.record.state == "done"
    assert _state_rows(session) == [("unreviewed", "done")]
    session.store.close()
