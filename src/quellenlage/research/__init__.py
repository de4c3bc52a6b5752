"""Research code, kept out of the runtime claims package.

The Wikinews quotation format and its metric (``wikinews``, ``metric``), the SpkAtt-2023 format
and metric (``spkatt``), the SpkAtt attribution model (``spkatt_model``; CC BY-SA data, ships in
``models/``, see ``training/spkatt.py``) and the optional learned attribution (``ranker``,
``learned``; trained on non-commercial data, see ``training/wikinews.py``). The runtime reaches
the learned parts only through the ``[components.attribution.spkatt]`` and
``[components.attribution.learned]`` settings of the pipeline config.
"""
