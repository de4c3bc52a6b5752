"""The web interface: ``quellenlage serve`` (FastAPI, server-rendered pages, JSON API).

Public entry: :func:`create_app`. Pages and API call :mod:`quellenlage.api` only.
"""

from quellenlage.web.app import create_app

__all__ = ["create_app"]
