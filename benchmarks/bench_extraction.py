"""Extraction throughput in sentences per second on one core.

Run: ``python benchmarks/bench_extraction.py``. The corpus (12,000 sentences) is
generated from varied templates with a fixed seed, so every run codes the same
text; the gazetteer is compiled once before timing starts.
"""

from __future__ import annotations

import time

from equipoise.evidence.extract import extract_text
from equipoise.evidence.gazetteer import default_gazetteer
from equipoise.seeding import rng_from

N_SENTENCES = 12_000
SEED = 20240601

ACTORS = ["Russia", "North Korea", "China", "the United States", "South Korea", "Japan", "Moscow", "Pyongyang",
          "Beijing", "Washington", "Seoul", "Tokyo", "Vladimir Putin", "Kim Jong-un", "Xi Jinping", "Lavrov",
          "the Soviet Union", "NATO", "the UN Security Council", "Ukraine", "India", "ASEAN"]
VERBS = ["criticized", "met with", "visited", "signed an agreement with", "accused", "praised", "hosted",
         "threatened", "supported", "rejected the proposal of", "provided aid to", "urged", "did not meet"]
WHEN = ["On August 15, 2018,", "In January 2017,", "In 2014,", "From 2012 to early 2014,", "Last year,",
        "On Thursday,", "In the 1950s,", "During the Korean War,", "In September 2013,", "Since 2022,", ""]
TAIL = ["", " after talks on trade worth $110 million a year.", " over a 54-kilometre railway.",
        " as 30,000 workers waited.", " with a tenfold rise in trade.", " despite a 24-month delay.",
        " amid the Cold War.", " about nearly $300 million in debt.", " and 50% of its trade."]
FILLER = ["Analysts said the region remained tense.", "The talks were described as frank.",
          "Observers expected little change in the near future."]


def corpus(n: int, seed: int) -> list[str]:
    rng = rng_from(seed)
    out = []
    for i in range(n):
        if i % 7 == 6:
            out.append(FILLER[int(rng.integers(len(FILLER)))])
            continue
        w, a, v, b, t = (WHEN[int(rng.integers(len(WHEN)))], ACTORS[int(rng.integers(len(ACTORS)))],
                         VERBS[int(rng.integers(len(VERBS)))], ACTORS[int(rng.integers(len(ACTORS)))],
                         TAIL[int(rng.integers(len(TAIL)))])
        s = f"{w} {a} {v} {b}{t}".strip()
        if not s.endswith("."):
            s += "."
        out.append(s[0].upper() + s[1:])
    return out


def main() -> None:
    sentences = corpus(N_SENTENCES, SEED)
    # documents of 40 sentences, 5 paragraphs each
    docs = []
    for i in range(0, len(sentences), 40):
        chunk = sentences[i:i + 40]
        docs.append("\n\n".join(" ".join(chunk[j:j + 8]) for j in range(0, len(chunk), 8)))
    default_gazetteer()
    extract_text("Warm-up: Russia met China in 2019.")
    t0 = time.perf_counter()
    n = 0
    for k, text in enumerate(docs):
        n += len(extract_text(text, doc=f"bench{k}.txt").sentences)
    elapsed = time.perf_counter() - t0
    print(f"sentences: {n}")
    print(f"seconds: {elapsed:.3f}")
    print(f"sentences/s (one core): {n / elapsed:,.0f}")


if __name__ == "__main__":
    main()
