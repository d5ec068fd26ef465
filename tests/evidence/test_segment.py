"""Paragraph and sentence splitting keeps exact offsets into the original text."""

from hypothesis import given, strategies as st

from equipoise.evidence.segment import paragraphs, segment, sentences


def test_blank_line_paragraphs():
    text = "First para line.\n\nSecond one. It has two sentences.\n \nThird."
    ps = paragraphs(text)
    assert [p.text for p in ps] == ["First para line.", "Second one. It has two sentences.", "Third."]


def test_line_paragraphs_when_no_blank_lines():
    assert len(paragraphs("One.\nTwo.\nThree.")) == 3


def test_abbreviations_do_not_split():
    s = sentences("Prof. Smith met the U.S. envoy in Jan. 2018 to talk. Then he left.")
    assert [x.text for x in s] == ["Prof. Smith met the U.S. envoy in Jan. 2018 to talk.", "Then he left."]


def test_footnote_marker_ends_sentence():
    s = sentences("Relations were close.[1] Then came trouble.")
    assert len(s) == 2


@given(st.lists(st.sampled_from(["Alpha went home.", "Beta, too!", "Is it so?", "\n\n", "\n", " "]), max_size=30))
def test_offsets_roundtrip(parts):
    text = "".join(parts)
    for para, sents in segment(text):
        assert text[para.start:para.end] == para.text
        for s in sents:
            assert text[s.start:s.end] == s.text
