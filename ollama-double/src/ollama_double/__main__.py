"""``python -m ollama_double serve ...`` (the ``ollama`` command stand-in's commands)."""

from ollama_double.cli import main

raise SystemExit(main())
