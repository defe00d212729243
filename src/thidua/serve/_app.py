"""The ASGI application of ``thidua serve`` (Starlette), served by uvicorn."""

from __future__ import annotations

import socket
import threading
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from thidua._problems import N_
from thidua.errors import DataError, MissingExtraError
from thidua.serve import _codes as codes
from thidua.serve._service import Service, error_response

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["FINGERPRINT_HEADER", "exception_handlers", "make_app", "serve"]

#: The response header that carries the fingerprint of the evaluation a response was read from.
FINGERPRINT_HEADER = "X-Thidua-Fingerprint"


def _starlette() -> None:
    try:
        import starlette  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError(N_("serving campaigns over HTTP"), "serve", "starlette") from None


def _locale(request: Request) -> str:
    from thidua.l10n import parse_locale

    lang = request.query_params.get("lang", "vi")
    return parse_locale(lang).language  # a LocaleError (422) for anything but vi and en


def _json(body: Mapping[str, Any], status: int = 200) -> Response:
    from starlette.responses import JSONResponse

    headers = {}
    fingerprint = body.get("fingerprint")
    if isinstance(fingerprint, str):
        headers[FINGERPRINT_HEADER] = fingerprint
    return JSONResponse(dict(body), status_code=status, headers=headers)


def _error_locale(request: Request) -> str:
    lang = request.query_params.get("lang", "vi")
    return lang if lang in ("vi", "en") else "vi"


def exception_handlers(
    fingerprint: Callable[[Request], str | None] | None = None,
) -> dict[Any, Callable[[Request, Exception], Awaitable[Response]]]:
    """Starlette exception handlers that answer thidua's errors with their problems, as JSON.

    Problems of an input (:class:`~thidua.DataError`, an
    :class:`~thidua.EvaluationError`, a :class:`~thidua.LocaleError`) give
    HTTP 422, a look-up of something not there (:class:`NotFoundError`,
    :class:`KeyError`) 404 (:func:`error_response`), and Starlette's own 404 and 405 the same body:
    ``{"problems": [...]}``, each problem as :meth:`thidua.Problem.to_data`
    writes it, in the language of the ``lang`` query parameter (``vi`` or
    ``en``; Vietnamese by default). Pass them to ``Starlette(exception_handlers=...)``.

    Args:
        fingerprint: a function giving the fingerprint to add to an error's
            body and headers for a request, if any.

    Raises:
        MissingExtraError: without the ``serve`` extra.

    >>> [k if isinstance(k, int) else k.__name__ for k in exception_handlers()]
    ['ThiduaError', 'KeyError', 404, 405]

    .. versionadded:: 0.1.0
    """
    _starlette()
    from starlette.exceptions import HTTPException

    from thidua.errors import ThiduaError

    async def problems(request: Request, exc: Exception) -> Response:
        found = error_response(exc, _error_locale(request), fingerprint(request) if fingerprint else None)
        if found is None:
            raise exc
        status, body = found
        return _json(body, status)

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)  # noqa: S101 - registered for 404 and 405 only
        locale = _error_locale(request)
        path = request.url.path
        if exc.status_code == 405:
            allowed = ", ".join(sorted(m.strip() for m in (exc.headers or {}).get("Allow", "").split(",") if m.strip()))
            problem = codes.METHOD_NOT_ALLOWED(method=request.method, path=path, allowed=allowed)
        else:
            problem = codes.NOT_FOUND(path=path)
        return _json({"problems": [problem.to_data(locale)]}, exc.status_code)

    # thidua's errors that are the input's fault (every other one goes on as an error of the server)
    return {ThiduaError: problems, KeyError: problems, 404: http, 405: http}


async def _body(request: Request) -> Any:
    from thidua.io import read_data

    raw = await request.body()
    if not raw.strip():
        raise DataError(codes.EMPTY_BODY())
    return read_data(raw, "json")


def make_app(service: Service) -> Starlette:
    """The ASGI application of the reference service (Starlette).

    Routes (every response is JSON with the ``fingerprint`` of the evaluation
    it was read from, also in the ``X-Thidua-Fingerprint`` header; ``?lang=en``
    for English names, explanations and problems):

    * ``GET /``: what is served; ``GET /openapi.json``: the OpenAPI document;
    * ``POST /campaigns/{campaign}/validate``: check a results row or document;
    * ``GET /campaigns/{campaign}/evaluation``: the whole evaluation;
    * ``GET /campaigns/{campaign}/units/{unit}``: a unit's verdicts and explanation;
    * ``PUT /campaigns/{campaign}/units/{unit}``: replace its results; its new
      verdicts and explanation, and the units that changed;
    * ``GET /campaigns/{campaign}/clusters/{cluster}`` and ``.../ranking``;
    * ``GET /campaigns/{campaign}/report``: the JSON report.

    Problems answer with HTTP 422 (404 for what is not there), see
    :func:`exception_handlers`. The work runs in Starlette's thread pool; the
    sessions are safe to share.

    Raises:
        MissingExtraError: without the ``serve`` extra.

    >>> app = make_app(Service.load(examples=["an-minh-2022"]))
    >>> sorted(r.path for r in app.routes)[:3]
    ['/', '/campaigns/{campaign}/clusters/{cluster}', '/campaigns/{campaign}/clusters/{cluster}/ranking']

    .. versionadded:: 0.1.0
    """
    _starlette()
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.routing import Route

    from thidua.serve._openapi import openapi_document

    document = openapi_document(service)

    def fingerprint(request: Request) -> str | None:
        campaign = request.path_params.get("campaign")
        return service.fingerprint(campaign) if isinstance(campaign, str) else None

    async def index(_request: Request) -> Response:
        return _json(await run_in_threadpool(service.index))

    async def openapi(_request: Request) -> Response:
        from starlette.responses import JSONResponse

        return JSONResponse(document)

    async def validate(request: Request) -> Response:
        locale = _locale(request)
        data = await _body(request)
        return _json(await run_in_threadpool(service.validate, request.path_params["campaign"], data, locale))

    async def evaluation(request: Request) -> Response:
        return _json(await run_in_threadpool(service.evaluation, request.path_params["campaign"]))

    async def unit(request: Request) -> Response:
        locale = _locale(request)
        campaign, unit_id = request.path_params["campaign"], request.path_params["unit"]
        if request.method == "PUT":
            data = await _body(request)
            return _json(await run_in_threadpool(service.update, campaign, unit_id, data, locale))
        return _json(await run_in_threadpool(service.unit, campaign, unit_id, locale))

    async def cluster(request: Request) -> Response:
        locale = _locale(request)
        p = request.path_params
        return _json(await run_in_threadpool(service.cluster, p["campaign"], p["cluster"], locale))

    async def ranking(request: Request) -> Response:
        locale = _locale(request)
        p = request.path_params
        return _json(await run_in_threadpool(service.ranking, p["campaign"], p["cluster"], locale))

    async def report(request: Request) -> Response:
        locale = _locale(request)
        return _json(await run_in_threadpool(service.report, request.path_params["campaign"], locale))

    routes = [
        Route("/", index),
        Route("/openapi.json", openapi),
        Route("/campaigns/{campaign}/validate", validate, methods=["POST"]),
        Route("/campaigns/{campaign}/evaluation", evaluation),
        Route("/campaigns/{campaign}/units/{unit}", unit, methods=["GET", "PUT"]),
        Route("/campaigns/{campaign}/clusters/{cluster}", cluster),
        Route("/campaigns/{campaign}/clusters/{cluster}/ranking", ranking),
        Route("/campaigns/{campaign}/report", report),
    ]
    return Starlette(routes=routes, exception_handlers=exception_handlers(fingerprint))


def serve(
    service: Service,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve *service* with uvicorn until interrupted (Ctrl+C), or until *stop* is set.

    Args:
        service: what to serve.
        host: the address to listen on (``127.0.0.1``: this machine only).
        port: the port; ``0`` picks a free one.
        ready: called with the base URL (``http://127.0.0.1:8000``) once the
            socket listens (requests are then queued until they are answered).
        stop: an event that ends the server when set (from another thread).

    Raises:
        MissingExtraError: without the ``serve`` extra.
        OSError: if the address cannot be used (e.g. the port is taken).

    >>> import json, threading, urllib.request
    >>> urls, stop = [], threading.Event()
    >>> server = threading.Thread(target=serve, args=(Service.load(examples=["an-minh-2022"]), "127.0.0.1", 0),
    ...                           kwargs={"ready": urls.append, "stop": stop})
    >>> server.start()
    >>> for _ in range(500):
    ...     if urls:
    ...         break
    ...     _ = stop.wait(0.01)
    >>> with urllib.request.urlopen(urls[0] + "/campaigns/an-minh-2022/clusters/cum-1/ranking") as answer:
    ...     json.load(answer)["ranking"]["entries"][0]["unit"]
    'xa-van-khanh'
    >>> stop.set()
    >>> server.join(timeout=30)

    .. versionadded:: 0.1.0
    """
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError(N_("serving campaigns over HTTP"), "serve", "uvicorn") from None
    app = make_app(service)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # the connections accepted inherit it: a response's headers and body leave at once, not 40 ms
        # apart (Nagle's algorithm waiting for the client's delayed acknowledgement)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
        bound = sock.getsockname()[1]
        shown_host = f"[{host}]" if family == socket.AF_INET6 else host
        if ready is not None:
            ready(f"http://{shown_host}:{bound}")
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        if stop is not None:

            def watch() -> None:
                stop.wait()
                server.should_exit = True

            threading.Thread(target=watch, daemon=True).start()
        server.run(sockets=[sock])
    finally:
        sock.close()
