"""Fetch: news reports from the web, politely, with the evidence kept as it was.

Modules, in the order a URL passes through them:

- :mod:`~quellenlage.fetch.policy`: :class:`Politeness` (User-Agent, per-host delay and
  concurrency, timeouts, size limit, retries) and the per-host gate;
- :mod:`~quellenlage.fetch.robots`: robots.txt rules per host (protego);
- :mod:`~quellenlage.fetch.client`: :class:`Fetcher`, GET with redirects, retries,
  conditional requests; outcomes are :class:`Fetched` or :class:`FetchFailure`;
- :mod:`~quellenlage.fetch.warc`: every exchange written to a WARC file, read back by
  reference with its digest checked;
- :mod:`~quellenlage.fetch.discover`: feeds and sitemaps and the links they list;
- :mod:`~quellenlage.fetch.pages`: a fetched page read by the ingest decoder and HTML reader;
- :mod:`~quellenlage.fetch.crawl`: all of it for a list of URLs, as a stream of outcomes.

Nothing here touches the database: :mod:`quellenlage.api.fetch` stores what comes out,
and :mod:`quellenlage.api.watch` polls feeds with it. This package's ``__init__`` imports
nothing, so that importing :mod:`quellenlage.api` stays quick.
"""
