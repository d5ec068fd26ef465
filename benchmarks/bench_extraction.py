"""Extraction throughput in sentences per second on one core, and coding quality on real news.

Run: ``python benchmarks/bench_extraction.py [--quick] [--verbose]`` (``--verbose`` lists the
seeds' missed gold facts and why each was missed). The throughput corpus
(12,000 sentences; 3,000 with ``--quick``) is generated from varied templates with
a fixed seed, so every run codes the same text; the gazetteer is compiled once
before timing starts. Aims (issue 12): at least 2,000 sentences/s on one idle core.

When the shared test inputs are present (``../shared``, or ``EQUIPOISE_SHARED``) it
also prints event precision and recall on ``news2025`` against its gold events
(aims: recall >= 0.70, precision >= 0.80 on (source, target, CAMEO root), events
dated 2025 or later as the gold codes them) and the seeds' gold-facts recall
counting only the sentence itself (aim >= 0.90).

It also times inputs that must not blow up (CPU time; aim for the first < 5 s,
the others linear in the length): 1 MB without a full stop, one 1 MB line
of comma-separated names, 1 MB of commas only, 1 MB of newlines only and 1 MB of
one actor's name repeated; and the start-up of ``equipoise extract`` on a short
file in a fresh interpreter (aim: well under a second; best of 3 runs, wall and
CPU time of the child process).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def quality() -> None:
    from equipoise.evidence.evaluate import (evaluate_events, evaluate_extraction, miss_reason, read_gold,
                                             read_gold_events)
    shared = Path(os.environ.get("EQUIPOISE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
    news = shared / "news2025"
    if (news / "gold_events.csv").exists():
        gold = read_gold_events(news / "gold_events.csv")
        docs = {}
        for name in sorted({g.doc for g in gold}):
            text = (news / name).read_text(encoding="utf-8")
            docs[name] = (text, extract_text(text, doc=name))
        r = evaluate_events(gold, docs, since="2025")
        for level in ("sentence", "document"):
            for key in ("root", "plover"):
                st, le = r.scores[(level, key, "strict")], r.scores[(level, key, "lenient")]
                print(f"news2025 {level:8} {key:6} strict P {st.precision:.3f} R {st.recall:.3f}   "
                      f"lenient P {le.precision:.3f} R {le.recall:.3f}   (gold {st.gold}, coded {st.coded})")
        print(f"news2025 dates right at gold precision: {r.dates.matched_gold}/{r.dates.gold}")
    else:
        print(f"news2025 absent ({news}): event precision/recall not measured")
    seeds = shared / "seeds"
    if (seeds / "gold_facts.csv").exists():
        facts = read_gold(seeds / "gold_facts.csv")
        texts = {}
        for name in sorted({f.doc for f in facts}):
            if (seeds / name).exists():
                text = (seeds / name).read_text(encoding="utf-8")
                texts[name] = (text, extract_text(text, doc=name))
        ev = evaluate_extraction(facts, texts, context=False)
        print(f"seeds gold facts recall (the sentence itself): {ev.strict_recall['overall']:.3f} "
              f"(dates {ev.strict_recall['dates']:.3f}, actors {ev.strict_recall['actors']:.3f}, "
              f"quantities {ev.strict_recall['quantities']:.3f}; n={ev.counts['overall']})")
        if "--verbose" in sys.argv:  # which facts are missed, and what part of each
            for m in ev.misses:
                print(f"  seeds miss {m.fact.doc}:{m.fact.line} {m.fact.cue!r}: {miss_reason(m)}")
    else:
        print(f"seeds absent ({seeds}): gold-facts recall not measured")


def pathological(sentences: list[str]) -> dict[str, str]:
    """The 1 MB inputs that must stay linear, made from the corpus and our own names."""
    mb = 1_000_000
    return {
        "1 MB without a full stop": ((" ".join(sentences[:400]).replace(".", "") + " ") * 40)[:mb],
        "1 MB one line of comma-separated names": ("Russia, China, talks, 2019, Moscow, shells, " * 23000)[:mb],
        "1 MB of commas only": "," * mb,
        "1 MB of newlines only": "\n" * mb,
        "1 MB of one actor's name repeated": ("Vladimir Putin " * 67000)[:mb],
    }


def startup(runs: int = 3) -> tuple[float, float]:
    """Best wall and CPU seconds of ``equipoise extract`` on a two-sentence file, in a fresh interpreter."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "short.txt"
        path.write_text("In March 2019, Moscow hosted a delegation from Pyongyang. Seoul criticised the visit.\n",
                        encoding="utf-8")
        cmd = [sys.executable, "-c", "import sys; from equipoise.cli import main; sys.argv[0] = 'equipoise'; main()",
               "extract", str(path)]
        best_wall = best_cpu = float("inf")
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> None:
    n_sentences = 3_000 if "--quick" in sys.argv else N_SENTENCES
    sentences = corpus(n_sentences, SEED)
    # documents of 40 sentences, 5 paragraphs each
    docs = []
    for i in range(0, len(sentences), 40):
        chunk = sentences[i:i + 40]
        docs.append("\n\n".join(" ".join(chunk[j:j + 8]) for j in range(0, len(chunk), 8)))
    default_gazetteer()
    extract_text("Warm-up: Russia met China in 2019.")
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for k, text in enumerate(docs):
        n += len(extract_text(text, doc=f"bench{k}.txt").sentences)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"sentences: {n}")
    print(f"seconds: {elapsed:.3f} wall, {cpu:.3f} CPU")
    print(f"sentences/s (one core): {n / elapsed:,.0f} wall-clock, {n / cpu:,.0f} per CPU-second "
          "(the CPU figure is the one-core rate on a shared machine)")
    for name, text in pathological(sentences).items():
        c0 = time.process_time()
        extract_text(text, doc="pathological.txt")
        aim = "aim < 5" if "full stop" in name else "linear in the length: no blow-up"
        print(f"{name}: {time.process_time() - c0:.2f} CPU s ({aim})")
    wall, cpu = startup()
    print(f"equipoise extract on a short file, start to finish: {wall:.2f} s wall, {cpu:.2f} CPU s "
          "(best of 3; aim well under 1 s)")
    quality()


if __name__ == "__main__":
    main()
