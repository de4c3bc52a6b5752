"""Research code, kept out of the runtime claims package.

The Wikinews quotation format and its metric (``wikinews``, ``metric``), and the optional
learned attribution (``ranker``, ``learned``; trained on non-commercial data, see
``training/wikinews.py``). The runtime reaches the learned part only through the
``[components.attribution.learned]`` setting of the pipeline config.
"""
