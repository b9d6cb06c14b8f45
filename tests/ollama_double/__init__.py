"""A test double that speaks Ollama's HTTP API.

Start it with ``python -m tests.ollama_double serve --port 11434 --behaviour tools``
or from a test with :func:`tests.ollama_double.launcher.running_ollama_double`.
See ``server.py`` (routes), ``behaviours.py`` (scripted behaviours), ``textgen.py``
(the scripted model), ``costmodel.py`` (timings and token counts), ``store.py``
(the on-disk model store), ``tiny.py`` (a real tiny model) and ``cli.py``
(the ``ollama`` command stand-in).
"""
