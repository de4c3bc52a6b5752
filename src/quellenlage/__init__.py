"""quellenlage: who claims what, citing whom, how sure, with which figures."""

__version__ = "0.1.0"
