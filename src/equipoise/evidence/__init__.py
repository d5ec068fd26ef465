"""Evidence layer: documents in; sentences, actors, dates, quantities and events out."""
