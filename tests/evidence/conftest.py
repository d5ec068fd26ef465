"""Shared fixtures of the evidence tests: an in-memory store and a row counter for it.

``test_postgres.py`` defines its own ``store`` (a PostgreSQL one), which overrides this.
"""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from equipoise.evidence.store import Base, EvidenceStore


def count_rows(store):
    """Rows in every table of ``store``, by table name."""
    with Session(store.engine) as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


@pytest.fixture
def counts():
    """The row counter: ``counts(store)`` -> {table name: rows}."""
    return count_rows


@pytest.fixture
def store():
    with EvidenceStore("sqlite://") as st:
        yield st
