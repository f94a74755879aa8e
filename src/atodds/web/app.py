"""The FastAPI application: read-only pages and JSON API over one atodds database.

Every response carries a strict Content-Security-Policy (no scripts at all, styles only from this server
plus inline style attributes for side colours), ``X-Content-Type-Options: nosniff`` and no-referrer; only
GET (and HEAD) routes exist, so writes get 405; only the fixed stylesheets are served as files.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from atodds import __version__
from atodds.web import api, views
from atodds.web.data import Corpus, FilterError
from atodds.web.pages import render, stylesheet
from atodds.web.search import SearchError

CSP = (
    "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1", "testserver"]
STYLESHEETS = ("report.css", "web.css")
log = logging.getLogger(__name__)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def _error(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    """A JSON error under /api, else an HTML page; both with the security headers."""
    merged = {**(headers or {}), **SECURITY_HEADERS}
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=merged)
    title = {400: "Bad request", 404: "Not found", 405: "Not allowed"}.get(status, "Error")
    html = render("error.html", title=title, detail=detail, db_name="the database")
    return HTMLResponse(html, status_code=status, headers=merged)


def _docs_ops(schema: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [p.get("name", "") for p in op.get("parameters", [])]
            ops.append(
                {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params}
            )
    return ops


def create_app(db: str | Path, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app serving ``db`` read-only (raises the store's coded errors when it cannot be opened)."""
    app = FastAPI(
        title="atodds",
        version=__version__,
        description="Read-only view of an atodds database: statements, speakers, sides and relations.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.corpus = Corpus(db)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "Error."
        if exc.status_code == 405:
            detail = "This server is read-only: only GET requests are answered."
        elif exc.status_code == 404 and detail == "Not Found":
            detail = "There is no page at this address."
        return _error(request, exc.status_code, detail, dict(exc.headers or {}))

    @app.exception_handler(FilterError)
    @app.exception_handler(SearchError)
    async def bad_value(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err.get('loc', ())[1:])}: {err.get('msg', '')}"
            for err in exc.errors()
        )
        return _error(request, 400, f"Bad parameter ({problems}).")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s", request.url.path)
        return _error(request, 500, "Something went wrong reading the database; see the server log.")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STYLESHEETS:
            return _error_404()
        return PlainTextResponse(stylesheet(name), media_type="text/css; charset=utf-8")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        schema = app.openapi()
        html = render(
            "docs.html",
            title="JSON API",
            active="/docs",
            ops=_docs_ops(schema),
            version=schema.get("openapi", ""),
            db_name=app.state.corpus.path.name,
        )
        return HTMLResponse(html)

    app.include_router(api.router)
    app.include_router(views.router)
    return app


def _error_404() -> Response:
    raise StarletteHTTPException(404, "There is no file at this address.")
