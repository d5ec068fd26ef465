"""Web app: explore a case, its evidence and its reasoning in the browser.

Start it with ``equipoise serve`` or build it in Python with :func:`create_app`.
It presents the results of the analysis layer and adds no analysis of its own.
"""

from .app import create_app

__all__ = ["create_app"]
