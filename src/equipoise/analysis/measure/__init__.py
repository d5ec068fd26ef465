"""Independent measurement of relations: UN votes, Security Council vetoes and event data.

Each measure takes tidy inputs (votes, vetoes, events) and returns rows keyed by
dyad and time with the number of observations beside every value. Measured series
never overwrite judged values; they meet in :mod:`.relations`.
"""
