"""Equipoise: models of strategic systems built from sourced evidence."""

__version__ = "0.1.0"
