"""``atodds serve``: the web UI and JSON API on a local port."""

from __future__ import annotations

import ipaddress

from atodds.web.app import LOCAL_HOSTS, create_app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``db`` read-only at http://host:port/ until interrupted.

    On a loopback address only requests for local host names are answered (a guard against DNS
    rebinding); on any other address every host name is.
    """
    import uvicorn

    allowed = [*LOCAL_HOSTS, host] if _is_loopback(host) else None
    app = create_app(db, allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    print(f"atodds: serving {db} read-only at http://{shown}:{port}/ (API docs at /docs; Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
