"""``python -m tests.ollama_double serve ...`` (same commands as ``tests.ollama_double.cli``)."""

from tests.ollama_double.cli import main

raise SystemExit(main())
