"""Recall targets for extraction on the three seed articles.

Source: Equipoise issue 3 ("Evidence: ingest documents and extract ..."), section
"Quality and speed": recall >= 0.85 overall, >= 0.9 for dates and actors, >= 0.9
for quantities, scored against ``shared/seeds/gold_facts.csv`` (55 facts written
by the project from the three seed articles).
"""

RECALL_TARGETS = {"overall": 0.85, "dates": 0.90, "actors": 0.90, "quantities": 0.90}
