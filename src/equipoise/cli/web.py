"""``equipoise serve``: the web app over a case and an evidence store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .options import CaseArg, WorkersOpt, err_console, user_errors

__all__ = ["serve_cmd"]


@app.command("serve")
@user_errors
def serve_cmd(case_path: CaseArg = None,
              db: Annotated[Optional[str], typer.Option("--db", help="evidence store URL (default: "
                                                         "sqlite:///DATA_DIR/equipoise.db)")] = None,
              host: Annotated[str, typer.Option(help="address to bind; only loopback unless you say so")] = "127.0.0.1",
              port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port")] = 8000,
              data_dir: Annotated[Optional[Path], typer.Option("--data-dir", help="the only folder the app writes to "
                                                                "(uploads, saved scenarios, the store); default: "
                                                                "$EQUIPOISE_DATA_DIR or ~/.local/share/equipoise")] = None,
              warm: Annotated[bool, typer.Option("--warm/--lazy", help="compute every page at start-up")] = True,
              workers: WorkersOpt = None,
              allow_host: Annotated[Optional[list[str]], typer.Option(
                  "--allow-host", help="another host name browsers may use to reach the server (besides "
                                       "localhost, 127.0.0.1 and --host); repeatable")] = None) -> None:
    """Explore a case, its evidence and its reasoning in the browser.

    Example: equipoise serve --port 8000
    """
    import uvicorn

    from ..present.web import create_app

    web = create_app(case_path, db_url=db, data_dir=data_dir, warm=False, hosts=[host, *(allow_host or [])])
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"Equipoise: serving {web.state.view.case.case.title!r} at http://{shown}:{port}/ "
                      f"(data in {web.state.config.data_dir}); Ctrl+C stops it", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"warning: listening on {host}: other machines can reach this server", highlight=False)
    if warm:  # compute every page in the background; a request meanwhile waits for its own result
        import threading

        from ..executor import LocalExecutor, default_workers
        from ..present.web.pages import warm as warm_pages

        def run() -> None:
            n = workers or default_workers()
            pool = LocalExecutor(n, method="spawn") if n > 1 else None  # heavy pages on other cores
            try:
                for page, why in warm_pages(web, pool).items():
                    err_console.print(f"note: {page} page: {why}", highlight=False)
            finally:
                if pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
        threading.Thread(target=run, name="equipoise-warm", daemon=True).start()
    typer.echo(f"http://{shown}:{port}/")
    uvicorn.run(web, host=host, port=port, log_level="warning")
