"""The HTTP side: a tornado app answering /bot<token>/<method> the way api.telegram.org does."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import tornado.web

from tests.fakebot.methods import ApiError, Call
from tests.fakebot.model import ApiCall, Fault, Upload
from tests.fakebot.more_methods import fallback, handler_for
from tests.fakebot.spec import Shape
from tests.fakebot.state import World
from tests.fakebot.validate import validate_call, validate_result


@dataclass(frozen=True)
class Reply:
    """An HTTP answer; `body=None` means drop the connection without answering."""

    status: int
    body: dict[str, Any] | None


def error(status: int, description: str, parameters: dict[str, Any] | None = None) -> Reply:
    """Telegram's error envelope."""
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Reply(status, body)


def fault_reply(fault: Fault) -> Reply:
    """The answer an injected fault produces."""
    status = fault.status or 500
    if status == 429:
        after = fault.retry_after or 1
        text = fault.description or f"Too Many Requests: retry after {after}"
        return error(429, text, {"retry_after": after})
    return error(status, fault.description or HTTPStatus(status).phrase)


async def dispatch(
    w: World,
    token: str,
    name: str,
    raw: dict[str, Any],
    files: dict[str, Upload],
    gone: Callable[[], bool],
) -> Reply:
    """Authenticate, validate, apply flood waits and faults and run one Bot API call."""
    if token != w.token:
        return _done(w, name, raw, error(401, "Unauthorized"), "wrong bot token")
    shape = w.spec.method(name)
    if shape is None:
        return _done(w, name, raw, error(404, "Not Found"), "no such Bot API method")
    checked = validate_call(w.spec, shape, raw, files)
    params = checked.params
    if checked.errors:
        # The method is implied by the URL, so the answer names just the field.
        first = checked.errors[0].removeprefix(f"{shape.name}.").removeprefix(f"{shape.name}: ")
        reply = error(400, f"Bad Request: {first}")
        return _done(w, shape.name, params, reply, "; ".join(checked.errors))
    if (wait := w.flood_wait(shape.name, params)) is not None:
        reply = error(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        return _done(w, shape.name, params, reply)
    fault = w.take_fault(shape.name, params)
    if fault is None:
        reply, reason = await _run(w, shape, params, gone)
        return _done(w, shape.name, params, reply, reason)
    delivered: tuple[Reply, str | None] | None = None
    if fault.deliver:
        delivered = await _run(w, shape, params, gone)
        w.changed.fire()  # the effect is visible before the answer
        if delivered[0].status != 200:  # the call itself failed: nothing to delay
            return _done(w, shape.name, params, *delivered)
    if fault.hang:
        await _hang(w, fault.delay or None, gone)
        if w.closing:  # the fake stops: the hung call never gets an answer
            return _done(w, shape.name, params, Reply(0, None))
    elif fault.delay:
        await asyncio.sleep(fault.delay)
    if fault.drop:
        return _done(w, shape.name, params, Reply(0, None))
    if fault.status:
        return _done(w, shape.name, params, fault_reply(fault))
    if gone():  # the client gave up while we waited; without `deliver` nothing happened
        return _done(w, shape.name, params, Reply(0, None))
    reply, reason = delivered or await _run(w, shape, params, gone)
    return _done(w, shape.name, params, reply, reason)


async def _run(
    w: World, shape: Shape, params: dict[str, Any], gone: Callable[[], bool]
) -> tuple[Reply, str | None]:
    """Run the method's handler: its answer and, if the call was a bot bug, the violation."""
    handler = handler_for(shape.name)
    call = Call(w, params, gone)
    try:
        result = await (handler(call) if handler else fallback(call, shape))
    except ApiError as exc:
        return error(exc.status, exc.description), exc.description if exc.violation else None
    if problems := validate_result(w.spec, shape.returns, result):
        w.violate(shape.name, f"fakebot bug, result breaks the spec: {problems}", result)
    return Reply(200, {"ok": True, "result": result}), None


async def _hang(w: World, seconds: float | None, gone: Callable[[], bool]) -> None:
    """Keep a request unanswered until the client gives up, the fake stops, or `seconds`."""
    loop = asyncio.get_running_loop()
    deadline = None if seconds is None else loop.time() + seconds
    w.hanging += 1
    w.changed.fire()  # a test may wait until the call hangs
    try:
        while not gone() and not w.closing:
            remaining = 1.0 if deadline is None else deadline - loop.time()
            if remaining <= 0:
                return
            # on_connection_close and stop() fire this pulse
            await w.queue.arrived.wait(min(remaining, 1.0))
    finally:
        w.hanging -= 1
        w.changed.fire()


def _done(
    w: World, method: str, params: dict[str, Any], reply: Reply, violation: str | None = None
) -> Reply:
    """Log the call (and the violation, if it was one) before answering."""
    if violation:
        w.violate(method, violation, params)
    if reply.body is None:
        w.record(ApiCall(method, params, reply.status, None, "no answer"))
        return reply
    body = reply.body
    w.record(ApiCall(method, params, reply.status, body.get("result"), body.get("description")))
    return reply


class BotApiHandler(tornado.web.RequestHandler):
    """Routes /bot<token>/<method> (GET or POST, form, multipart or JSON) to dispatch()."""

    def initialize(self, world: World) -> None:
        """Tornado's per-request constructor hook."""
        self.world = world
        self.gone = False

    async def get(self, token: str, name: str) -> None:
        """GET with a query string is allowed by Telegram too."""
        await self.serve(token, name)

    async def post(self, token: str, name: str) -> None:
        """The usual way: PTB posts form or multipart data."""
        await self.serve(token, name)

    def on_connection_close(self) -> None:
        """The client gave up (e.g. PTB cancelled a long poll): end the poll early."""
        self.gone = True
        self.world.queue.arrived.fire()

    def parse(self) -> tuple[dict[str, Any], dict[str, Upload]]:
        """Merge query, form or JSON body; file parts become Uploads."""
        req = self.request
        raw: dict[str, Any] = {k: v[-1].decode() for k, v in req.query_arguments.items()}
        if req.headers.get("Content-Type", "").startswith("application/json") and req.body:
            body = json.loads(req.body)
            if not isinstance(body, dict):
                raise ValueError("the JSON body must be an object")
            raw.update(body)
        else:
            raw.update({k: v[-1].decode() for k, v in req.body_arguments.items()})
        files = {
            k: Upload(k, f[-1].filename, f[-1].content_type, f[-1].body)
            for k, f in req.files.items()
        }
        return raw, files

    async def serve(self, token: str, name: str) -> None:
        """Answer one request, or drop the connection for a 'drop' fault."""
        try:
            raw, files = self.parse()
        except (ValueError, UnicodeDecodeError) as exc:
            reply = _done(self.world, name, {}, error(400, f"Bad Request: {exc}"), str(exc))
        else:
            try:
                reply = await dispatch(self.world, token, name, raw, files, lambda: self.gone)
            except Exception as exc:  # a bug in the fake must fail the test, not hang it
                bug = f"fakebot crashed: {exc!r}"
                reply = _done(self.world, name, raw, error(500, bug), bug)
        if self.gone:
            return
        if reply.body is None:
            self.detach().close()
            return
        self.set_status(reply.status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(reply.body))


def make_app(world: World) -> tornado.web.Application:
    """The tornado application; access logging is off to keep test output readable."""
    routes = [(r"/bot([^/]*)/([^/]+)/?", BotApiHandler, {"world": world})]
    return tornado.web.Application(routes, log_function=lambda handler: None)
