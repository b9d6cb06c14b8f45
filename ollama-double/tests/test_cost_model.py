"""The cost model's token accounting and its parallel slots with prefix caching."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from double_cases import WEATHER_TOOL, stats

from ollama_double.costmodel import RenderedPrompt, prompt_tokens
from ollama_double.launcher import running_ollama_double
from ollama_double.slots import Slot, SlotPool, choose_slot

SYSTEM = {"role": "system", "content": "You plan trips for them. " * 8}  # 200 characters


def chat(*turns: str) -> list[dict[str, Any]]:
    return [SYSTEM, *({"role": "user", "content": text} for text in turns)]


@pytest.mark.unit
def test_prompt_tokens_count_messages_tools_and_format() -> None:
    messages = chat("x" * 40)
    # 4 framing tokens per message, ceil(chars / 4) of content.
    assert prompt_tokens(messages) == (4 + 50) + (4 + 10)
    with_tools = RenderedPrompt.of(messages, [WEATHER_TOOL], {"type": "object"})
    assert with_tools.total > prompt_tokens(messages)


@pytest.mark.unit
def test_only_the_uncached_suffix_is_evaluated() -> None:
    first = RenderedPrompt.of(chat("4 days in Lisbon"))
    longer = RenderedPrompt.of(chat("4 days in Lisbon", "and now Porto"))
    other = RenderedPrompt.of([{"role": "user", "content": "Something else."}])
    same_role = RenderedPrompt.of([{"role": "system", "content": "Something else."}])
    assert longer.cached_tokens(first) == first.total
    assert longer.cached_tokens(other) == 0
    assert longer.cached_tokens(same_role) == 4  # the system turn's framing only
    assert longer.cached_tokens(None) == 0
    # A prompt seen before is cached but for its last token, as llama.cpp re-evaluates it.
    assert first.cached_tokens(first) == first.total - 1


@pytest.mark.unit
def test_a_shared_start_inside_a_message_counts_in_whole_tokens() -> None:
    base = RenderedPrompt.of(chat("abcdefgh-one"))
    variant = RenderedPrompt.of(chat("abcdefgh-two"))
    system_tokens = 4 + 50
    # Framing of the user turn (4) plus two whole 4-character blocks shared.
    assert variant.cached_tokens(base) == system_tokens + 4 + 2
    role_changed = RenderedPrompt.of([SYSTEM, {"role": "assistant", "content": "abcdefgh-one"}])
    assert role_changed.cached_tokens(base) == system_tokens


@pytest.mark.unit
def test_the_slot_with_the_longest_shared_prefix_wins() -> None:
    lisbon = RenderedPrompt.of(chat("Lisbon"))
    other = RenderedPrompt.of([{"role": "system", "content": "Unrelated."}])
    slots = [Slot(0, other, last_used=5), Slot(1, lisbon, last_used=9), Slot(2)]
    slot, cached = choose_slot(slots, RenderedPrompt.of(chat("Lisbon", "more")))
    assert (slot.index, cached) == (1, lisbon.total)


@pytest.mark.unit
def test_without_a_shared_prefix_the_least_recently_used_idle_slot_wins() -> None:
    prompt = RenderedPrompt.of(chat("Lisbon"))
    slots = [Slot(0, last_used=7), Slot(1, last_used=3), Slot(2, prompt, busy=True)]
    slot, cached = choose_slot(slots, prompt)
    assert (slot.index, cached) == (1, 0)
    _, without_cache = choose_slot([Slot(0, prompt)], prompt, prefix_cache=False)
    assert without_cache == 0


@pytest.mark.unit
async def test_at_most_num_parallel_generations_hold_a_slot() -> None:
    pool = SlotPool(2)
    prompt = RenderedPrompt.of(chat("Lisbon"))
    release = asyncio.Event()
    held: list[int] = []

    async def generate() -> None:
        async with pool.lease(prompt) as lease:
            held.append(lease.slot)
            await release.wait()

    tasks = [asyncio.create_task(generate()) for _ in range(3)]
    for _ in range(5):
        await asyncio.sleep(0)
    assert sorted(held) == [0, 1]  # the third request waits in the queue
    release.set()
    await asyncio.gather(*tasks)
    assert len(held) == 3
    assert all(slot.prompt == prompt and not slot.busy for slot in pool.slots)
    pool.forget()
    assert all(slot.prompt is None for slot in pool.slots)


def _post(url: str, messages: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    body = {"model": "phi4-mini", "messages": messages, "stream": False, "options": options}
    response = httpx.post(f"{url}/api/chat", json=body, timeout=60)
    response.raise_for_status()
    return dict(response.json())


@pytest.mark.integration
def test_slots_keep_their_own_cache_over_http() -> None:
    with running_ollama_double(extra_args=("--num-parallel", "2")) as url:
        first = _post(url, chat("4 days in Lisbon"))
        follow_up = _post(url, chat("4 days in Lisbon", "add a day in Sintra"))
        unrelated = _post(url, [{"role": "user", "content": "Tell me about Berlin"}])
        again = _post(url, chat("4 days in Lisbon"))
        records = stats(url)["records"]
    assert [r["slot"] for r in records] == [0, 0, 1, 0]
    assert [r["cached_tokens"] for r in records[:3]] == [0, records[0]["prompt_tokens"], 0]
    # The Lisbon slot now holds the follow-up: the first prompt is shared up to its end.
    assert records[3]["cached_tokens"] == records[0]["prompt_tokens"] - 1
    replies = [first, follow_up, unrelated, again]
    for reply, record in zip(replies, records, strict=True):
        assert reply["prompt_eval_count"] == record["evaluated_tokens"]
        assert record["evaluated_tokens"] + record["cached_tokens"] == record["prompt_tokens"]
        assert record["queue_ms"] >= 0


@pytest.mark.integration
def test_a_conversation_continued_on_its_slot_pays_only_for_the_new_turn() -> None:
    with running_ollama_double() as url:
        answer = _post(url, chat("4 days in Lisbon"))["message"]["content"]
        said = [*chat("4 days in Lisbon"), {"role": "assistant", "content": answer}]
        new_turn = {"role": "user", "content": "Now plan day 1."}
        continued = _post(url, [*said, new_turn])
        edited = {"role": "assistant", "content": "zzzz, not the answer it gave"}
        rewritten = _post(url, [*chat("4 days in Lisbon"), edited, new_turn])
        first, second, third = stats(url)["records"]
    # The slot holds the prompt and the answer it generated: only the new turn is evaluated.
    assert second["cached_tokens"] == RenderedPrompt.of(said).total
    assert continued["prompt_eval_count"] == prompt_tokens([new_turn])
    # An answer that is not the one generated shares only what comes before it.
    assert third["cached_tokens"] == first["prompt_tokens"] + 4
    assert rewritten["prompt_eval_count"] == third["prompt_tokens"] - third["cached_tokens"]


@pytest.mark.integration
def test_reloading_the_model_or_turning_the_cache_off_evaluates_everything() -> None:
    messages = chat("3 days in Rome")
    with running_ollama_double() as url:
        _post(url, messages, num_ctx=4096)
        reloaded = _post(url, messages, num_ctx=8192)
        warm = _post(url, messages, num_ctx=8192)
        total = stats(url)["records"][0]["prompt_tokens"]
    assert (reloaded["prompt_eval_count"], warm["prompt_eval_count"]) == (total, 1)
    with running_ollama_double(extra_args=("--prefix-cache", "off")) as url:
        counts = [_post(url, messages)["prompt_eval_count"] for _ in range(2)]
        counters = stats(url)
    assert counts == [total, total]
    assert (counters["prefix_cache"], counters["cached_tokens"]) == (False, 0)


@pytest.mark.integration
def test_a_second_slot_serves_while_the_first_is_busy() -> None:
    extra = (
        "--num-parallel", "2", "--model-behaviour", "qwen3=slow",
        "--slow-first-ms", "0", "--slow-chunk-ms", "250",
    )  # fmt: skip
    slow_body = {
        "model": "qwen3",
        "messages": chat("Tell me about Lisbon and its food"),
        "options": {"num_predict": 12},
    }
    with (
        running_ollama_double(models=("phi4-mini", "qwen3"), extra_args=extra) as url,
        httpx.stream("POST", f"{url}/api/chat", json=slow_body, timeout=60) as slow,
    ):
        lines = slow.iter_lines()
        next(lines)  # the slow answer has started: it holds a slot
        quick = _post(url, chat("3 days in Rome"))
        done_while_slow_streams = stats(url)["records"][-1]
        rest = list(lines)
        records = stats(url)["records"]
    assert quick["done"] is True and done_while_slow_streams["slot"] == 1
    assert '"done": true' in rest[-1]
    assert [r["slot"] for r in records] == [0, 1]
