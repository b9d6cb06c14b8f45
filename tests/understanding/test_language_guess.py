"""The quick guess that lets the first progress lines speak the request's language: it may
say nothing, but it must never name a wrong language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from travel_planner.i18n import guess_language

pytestmark = pytest.mark.unit


def test_the_guess_is_never_wrong_on_the_corpus() -> None:
    corpus = Path(__file__).with_name("corpus.yaml").read_text(encoding="utf-8")
    cases = [(str(r["text"]), str(r["lang"])) for r in yaml.safe_load(corpus)["requests"]]
    guesses = [(text, lang, guess_language(text)) for text, lang in cases]
    wrong = [(text, lang, guess) for text, lang, guess in guesses if guess not in (None, lang)]
    assert wrong == []
    # It speaks up for most requests: the others start in English until the request is read.
    assert sum(guess is not None for _, _, guess in guesses) >= 0.8 * len(cases)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tell me a joke", "en"),
        ("me", None),
        ("Tell me about Rome", "en"),
        ("Quiero pasar 4 días en Lisboa del 10 al 13 de mayo", "es"),
        ("drei Tage in Berlin mit meiner Frau", "de"),
    ],
)
def test_words_several_languages_share_decide_nothing(text: str, language: str | None) -> None:
    assert guess_language(text) == language
