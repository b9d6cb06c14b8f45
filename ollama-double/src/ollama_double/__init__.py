"""A stand-in for Ollama that speaks its HTTP API (and its ``ollama`` CLI).

Start it with ``python -m ollama_double serve --port 11434 --behaviour tools`` (or the
``ollama-double/bin/ollama`` stand-in), or from a test with
:func:`ollama_double.launcher.running_ollama_double`.

Layout: ``app.py`` (the route table) and ``routes/`` (handlers over ``state.py``);
``produce.py`` (one generation as events) and ``responses.py`` (Ollama's wire format);
``behaviours.py`` (how each behaviour answers) with ``scripted/`` (the scripted model,
one module per job) and ``answer_tables.py`` (oracle answers, replay rules);
``costmodel.py`` and ``slots.py`` (token counts, timings, parallel slots, prefix cache);
``store.py`` (the on-disk model store); ``tiny.py`` (a real tiny model); ``cli.py`` and
``client_commands.py`` (the ``ollama`` command).
"""
