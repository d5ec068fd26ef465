"""The evidence store: versions, offsets, queries, and all-or-nothing writes."""

import hashlib
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy.exc import OperationalError

from equipoise.errors import EvidenceError
from equipoise.evidence import store as store_mod
from equipoise.evidence.reader import Document
from equipoise.evidence.store import EvidenceStore

TEXT = ("Rail talks\n\n"
        "Moscow hosted Kim Jong-un in April 2019. Trade reached $34 million.\n\n"
        "Beijing stayed silent. Seoul welcomed the talks in 2019.")


def doc(text=TEXT, name="rail.txt"):
    return Document(path=f"/tmp/{name}", name=name, kind="text", text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8", title="Rail talks",
                    author="Ann Lee", date=date(2019, 4, 30), size=len(text))


@dataclass
class Sent:  # the shape of the extractor's SentenceExtraction, written by hand for exact control
    doc: str
    sentence: int
    paragraph: int
    span: tuple
    text: str
    actors: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    events: list = field(default_factory=list)

    def to_dict(self):
        return {"doc": self.doc, "sentence": self.sentence, "paragraph": self.paragraph, "span": list(self.span),
                "text": self.text, "actors": self.actors, "dates": self.dates, "quantities": self.quantities,
                "events": self.events}


@dataclass
class Extraction:
    doc: str
    doc_date: date
    spin_score: float
    repairs: list
    sentences: list


def span_of(text, piece):
    i = text.index(piece)
    return [i, i + len(piece)]


def extraction(text=TEXT, name="rail.txt"):
    s1 = "Moscow hosted Kim Jong-un in April 2019."
    s2 = "Trade reached $34 million."
    s4 = "Seoul welcomed the talks in 2019."
    return Extraction(name, date(2019, 4, 30), 0.25, [{"span": span_of(text, "Rail talks"), "original": "Rail talks",
                                                        "repaired": "Railway talks"}], [
        Sent(name, 1, 1, tuple(span_of(text, s1)), s1,
             actors=[{"code": "RUS", "text": "Moscow", "span": span_of(text, "Moscow")},
                     {"code": "PRK", "text": "Kim Jong-un", "span": span_of(text, "Kim Jong-un")}],
             dates=[{"start": "2019-04", "end": None, "precision": "month", "text": "April 2019",
                     "span": span_of(text, "April 2019")}],
             events=[{"source": "RUS", "target": "PRK", "code": "042", "goldstein": 1.9, "quad": 1,
                      "date": "2019-04"}]),
        Sent(name, 2, 1, tuple(span_of(text, s2)), s2,
             quantities=[{"value": 34e6, "unit": "USD", "text": "$34 million", "span": span_of(text, "$34 million")}]),
        Sent(name, 4, 2, tuple(span_of(text, s4)), s4,
             actors=[{"code": "KOR", "text": "Seoul", "span": span_of(text, "Seoul")}],
             events=[{"source": "KOR", "target": "PRK", "code": "051", "goldstein": 3.4, "quad": 1,
                      "date": "2019"}]),
    ])


def test_save_and_read_back(store):
    out = store.save(doc(), extraction(), doc_date=date(2019, 4, 30), doc_date_source="metadata")
    assert (out.status, out.version, out.sentences, out.events) == ("added", 1, 5, 2)
    rec = store.get_document(out.document_id)
    assert rec.text == TEXT  # the original, not the repaired text
    assert rec.repairs[0]["repaired"] == "Railway talks"
    assert rec.info.spin_score == 0.25 and rec.info.doc_date == date(2019, 4, 30)
    assert (rec.info.title, rec.info.author, rec.info.date) == ("Rail talks", "Ann Lee", date(2019, 4, 30))
    assert [s.text for s in rec.sentences] == ["Rail talks", "Moscow hosted Kim Jong-un in April 2019.",
                                               "Trade reached $34 million.", "Beijing stayed silent.",
                                               "Seoul welcomed the talks in 2019."]
    for s in rec.sentences:
        assert TEXT[s.span[0]:s.span[1]] == s.text
    s1 = rec.sentences[1]
    assert [a["code"] for a in s1.actors] == ["RUS", "PRK"]
    assert TEXT[slice(*s1.actors[1]["span"])] == "Kim Jong-un"
    assert s1.dates[0]["start"] == "2019-04" and s1.dates[0]["precision"] == "month"
    assert s1.events[0] == {"source": "RUS", "target": "PRK", "code": "042", "goldstein": 1.9, "quad": 1,
                            "date": "2019-04"}
    assert rec.sentences[2].quantities[0]["value"] == 34e6
    assert store.get_document("rail.txt").info.id == out.document_id
    assert store.get_document(999) is None


def test_same_content_adds_nothing(store, counts):
    store.save(doc(), extraction())
    before = counts(store)
    again = store.save(doc(), extraction())
    assert again.status == "unchanged" and again.version == 1 and again.sentences == 5
    assert counts(store) == before


def test_changed_content_is_new_version(store):
    store.save(doc(), extraction())
    text2 = TEXT + " Tokyo objected."
    out = store.save(doc(text2), extraction(text2))
    assert (out.status, out.version) == ("new_version", 2)
    [info] = store.list_documents()
    assert (info.version, info.versions, info.sentences) == (2, 2, 6)
    assert store.get_document(info.id, version=1).text == TEXT
    assert store.get_document(info.id).text == text2
    # queries see the latest version only
    assert len(store.search("Seoul")) == 1 and store.search("Seoul")[0].version == 2
    assert sum(c.count for c in store.event_counts()) == 2


def test_locator_is_one_based(store):
    store.save(doc(), extraction())
    [s] = store.sentences_for_locator("rail.txt", 2, 2)
    assert s.text == "Trade reached $34 million." and s.locator == "rail.txt:2:2"
    assert (s.paragraph, s.sentence) == (1, 2)
    assert [x.text for x in store.sentences_for_locator("rail.txt", 3)] == ["Beijing stayed silent.",
                                                                           "Seoul welcomed the talks in 2019."]
    assert len(store.sentences_for_locator("rail.txt")) == 5
    assert store.sentences_for_locator("rail.txt", 9, 1) == []
    assert store.sentences_for_locator("other.txt", 1, 1) == []


def test_search_and_actor_filter(store):
    store.save(doc(), extraction())
    store.save(doc("Seoul and Tokyo met.", name="b.txt"))
    assert [s.doc for s in store.search("seoul")] == ["rail.txt", "b.txt"]
    assert [s.text for s in store.search("seoul", actor="KOR")] == ["Seoul welcomed the talks in 2019."]
    assert [s.text for s in store.search("talks 2019")] == ["Seoul welcomed the talks in 2019."]
    assert store.search("100%") == []  # LIKE wildcards are escaped
    assert len(store.search("", limit=3)) == 3


def test_event_counts(store):
    store.save(doc(), extraction())
    by_year = [c.to_dict() for c in store.event_counts(by=["year"])]
    assert by_year == [{"year": 2019, "count": 2, "goldstein_sum": pytest.approx(5.3)}]
    by_source = {c.key: c.count for c in store.event_counts(by=("source", "quad"))}
    assert by_source == {(("source", "KOR"), ("quad", 1)): 1, (("source", "RUS"), ("quad", 1)): 1}
    assert [c.count for c in store.event_counts(actor="RUS")] == [1]
    with pytest.raises(EvidenceError, match="expected group keys"):
        store.event_counts(by=["colour"])


def test_failure_mid_document_writes_nothing(store, monkeypatch, counts):
    store.save(doc(), extraction())
    before = counts(store)
    calls = {"n": 0}
    real = store_mod._mentions

    def flaky(sentence_id, extracted):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(sentence_id, extracted)

    monkeypatch.setattr(store_mod, "_mentions", flaky)
    text2 = TEXT + " Tokyo objected."
    with pytest.raises(EvidenceError, match="store write failed, nothing saved"):
        store.save(doc(text2), extraction(text2))
    assert calls["n"] == 2  # the failure came after the version and its sentences were written
    assert counts(store) == before
    calls["n"] = 0
    with pytest.raises(EvidenceError):
        store.save(doc(name="new.txt"), extraction(name="new.txt"))
    assert counts(store) == before
    assert [d.name for d in store.list_documents()] == ["rail.txt"]


def test_crash_mid_document_writes_nothing(store, monkeypatch, counts):
    def crash(sentence_id, extracted):
        raise RuntimeError("power cut")

    monkeypatch.setattr(store_mod, "_mentions", crash)
    with pytest.raises(RuntimeError):
        store.save(doc(), extraction())
    assert set(counts(store).values()) == {0}


def test_file_store_persists(tmp_path):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    with EvidenceStore(url) as st:
        st.save(doc(), extraction())
    with EvidenceStore(url) as st:
        assert [d.name for d in st.list_documents()] == ["rail.txt"]
        assert st.save(doc(), extraction()).status == "unchanged"


@pytest.mark.parametrize("url,msg", [("not a url", "expected a database URL"),
                                     ("nosuchdb://x/y", "expected a database URL"),
                                     ("sqlite:////nonexistent/dir/x.db", "cannot open the store")])
def test_bad_url(url, msg):
    with pytest.raises(EvidenceError, match=msg):
        EvidenceStore(url)
