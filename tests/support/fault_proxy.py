"""A loopback TCP proxy that can break the connection to a dependency on demand.

    with FaultProxy(upstream_port) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        ...
        proxy.set_mode("stall")     # "pass" | "stall" | "down" | "http500"

- `pass`: bytes flow both ways.
- `stall`: connections stay open but nothing more flows (a hung server, a black hole).
- `down`: the listener closes and every open connection is cut (a killed server).
- `http500`: open connections are cut; every new request gets `HTTP/1.1 500` and the
  connection closes (a broken server).
- `slow`: bytes flow, each chunk `delay_s` late (a slow server; holds a stage open).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Literal

Mode = Literal["pass", "stall", "down", "http500", "slow"]
BROKEN = (
    b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\n"
    b"content-length: 21\r\nconnection: close\r\n\r\ninternal server error"
)


class FaultProxy:
    def __init__(self, upstream_port: int, host: str = "127.0.0.1", delay_s: float = 1.5) -> None:
        self.upstream = (host, upstream_port)
        self.delay_s = delay_s
        self.mode: Mode = "pass"
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._flowing = asyncio.Event()

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc_info: object) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_mode(self, mode: Mode) -> None:
        asyncio.run_coroutine_threadsafe(self._set_mode(mode), self._loop).result(timeout=10)

    async def _start(self) -> None:
        self._flowing.set()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _set_mode(self, mode: Mode) -> None:
        self.mode = mode
        if mode == "stall":
            self._flowing.clear()
        else:
            self._flowing.set()
        if mode == "down":
            await self._shutdown()
            return
        if mode == "http500":
            self._cut_connections()
        if self._server is None:
            await self._start()

    async def _close(self) -> None:
        await self._shutdown()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._cut_connections()

    def _cut_connections(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            if self.mode == "http500":
                await reader.readuntil(b"\r\n\r\n")
                writer.write(BROKEN)
                await writer.drain()
                return
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
            self._writers.add(up_writer)
            await asyncio.gather(
                self._pump(reader, up_writer), self._pump(up_reader, writer), return_exceptions=True
            )
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._writers.discard(writer)
            with contextlib.suppress(Exception):
                writer.close()

    async def _pump(self, source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                await self._flowing.wait()
                if self.mode == "slow":
                    await asyncio.sleep(self.delay_s)
                target.write(data)
                await target.drain()
        finally:
            with contextlib.suppress(Exception):
                target.close()
