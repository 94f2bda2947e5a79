"""`dossierbot run` as a separate process against the in-test fake Bot API, to kill -9."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from tests.fakebot import FakeBotAPI

READY = "Dossierbot is running"


class BotProcess:
    """One bot process at a time; start() again after kill() or terminate() restarts it."""

    def __init__(self, fake: FakeBotAPI, workdir: Path, **env: str) -> None:
        self.fake = fake
        self.workdir = workdir
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.env.pop("TEST_DATABASE_URL", None)
        self.proc: asyncio.subprocess.Process | None = None
        self.starts = 0
        self.cwd: Path | None = None  # the process's working directory (None: this one's)

    @property
    def log(self) -> Path:
        return self.workdir / f"bot-{self.starts}.log"

    async def start(self, timeout: float = 60.0) -> None:
        """Start the process and wait until it says it is running."""
        self.starts += 1
        with self.log.open("wb") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                env=self.env,
                cwd=self.cwd,
                stdout=out,
                stderr=out,
            )
        deadline = time.monotonic() + timeout
        while READY not in self.log.read_text(errors="replace"):
            if self.proc.returncode is not None or time.monotonic() > deadline:
                raise AssertionError(f"the bot did not start:\n{self.log.read_text()[-3000:]}")
            await asyncio.sleep(0.05)

    async def kill(self) -> None:
        """kill -9: no clean-up of any kind."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()

    async def terminate(self, timeout: float = 30.0) -> tuple[float, int]:
        """SIGTERM; (seconds until the process exited, its exit code)."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        return time.monotonic() - started, code

    async def close(self) -> None:
        """Make sure nothing is left running."""
        if self.proc is not None and self.proc.returncode is None:
            await self.kill()

    def output(self) -> str:
        """Everything the process logged in its latest run."""
        return self.log.read_text(errors="replace")
