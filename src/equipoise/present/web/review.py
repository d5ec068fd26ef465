"""The review page: proposals from ``equipoise update``, filtered, read with their sentences highlighted,
accepted, rejected or edited then accepted. Applying calls the same
:func:`equipoise.case.update.apply_proposals` as ``equipoise review``.

Proposals files are read from the app's data directory (the only folder it writes to); the case
written is the one the app serves, never the default case shipped inside the package.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...errors import CaseError, EquipoiseError
from .app import render, resolve_inside

__all__ = ["router", "highlight", "filter_proposals"]

router = APIRouter(include_in_schema=False)


def highlight(text: str, spans: list) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, highlighted) parts by ``spans`` (overlaps merged); the template escapes them."""
    merged: list[list[int]] = []
    for a, b in sorted((max(0, int(a)), min(len(text), int(b))) for a, b in spans):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def filter_proposals(proposals: list, *, kind: str = "", actor: str = "", since: str = "", until: str = "",
                     status: str = "") -> list:
    """Proposals matching every filter given (dates compared as ISO text prefixes)."""
    out = []
    for p in proposals:
        if kind and p.kind != kind:
            continue
        if actor and actor not in p.actors:
            continue
        if status and p.status != status:
            continue
        if since and (p.date or "") < since:
            continue
        if until and (p.date or "")[:len(until)] > until:
            continue
        out.append(p)
    return out


def _files(data_dir: Path) -> list[str]:
    out = []
    for f in sorted(data_dir.glob("*.yaml")):
        try:
            head = f.read_text(encoding="utf-8")[:4000]
        except (OSError, UnicodeDecodeError):
            continue
        if "\nproposals:" in head or head.startswith("proposals:"):
            out.append(f.name)
    return out


def _load(request: Request, name: str):
    from ...case.update import read_proposals
    cfg = request.app.state.config
    files = _files(cfg.data_dir)
    if not name:
        if not files:
            return None, files
        name = files[0]
    return (resolve_inside(cfg.data_dir, name), read_proposals(resolve_inside(cfg.data_dir, name))), files


def _writable_case(request: Request) -> Path | None:
    from ...case.update import is_packaged_case
    path = request.app.state.config.case_path
    return None if path is None or is_packaged_case(path) else Path(path)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, file: str = "", kind: str = "", actor: str = "", since: str = "", until: str = "",
                status: str = ""):
    from ...case.update import PROPOSAL_KINDS
    loaded, files = _load(request, file)
    if loaded is None:
        return render(request, "review.html", title="Review", files=files, ps=None, file="", shown=[],
                      sel={}, kinds=PROPOSAL_KINDS, actors=[], writable=_writable_case(request) is not None,
                      highlight=highlight, yaml_text=lambda v: "")
    path, ps = loaded
    if kind and kind not in PROPOSAL_KINDS:
        raise EquipoiseError(f"unknown kind {kind!r} (expected one of {', '.join(PROPOSAL_KINDS)})", field="kind")
    shown = filter_proposals(ps.proposals, kind=kind, actor=actor, since=since, until=until, status=status)
    actors = sorted({a for p in ps.proposals for a in p.actors})
    return render(request, "review.html", title="Review", files=files, file=path.name, ps=ps, shown=shown,
                  sel={"kind": kind, "actor": actor, "since": since, "until": until, "status": status},
                  kinds=PROPOSAL_KINDS, actors=actors, writable=_writable_case(request) is not None,
                  highlight=highlight,
                  yaml_text=lambda v: yaml.safe_dump(v, sort_keys=False, allow_unicode=True, width=100))


@router.post("/review/apply", response_class=HTMLResponse)
async def review_apply(request: Request):
    from ...case.update import apply_proposals, write_proposals
    from .data import shared_view
    form = await request.form()
    from .app import check_csrf
    check_csrf(request, form.get("csrf_token"))
    case_path = _writable_case(request)
    if case_path is None:
        raise CaseError("this app serves the default case, which ships inside the package and is not edited in "
                        "place: copy it (equipoise case copy mycase/) and serve the copy (equipoise serve mycase/)")
    loaded, _ = _load(request, str(form.get("file", "")))
    if loaded is None:
        raise EquipoiseError("no proposals file in the data directory; write one with equipoise update -o",
                             field="file")
    path, ps = loaded
    accept, reject = [], []
    for p in ps.proposals:
        choice = form.get(f"do-{p.id}", "")
        if choice == "accept":
            edited = form.get(f"value-{p.id}")
            if edited is not None and edited.strip():
                try:
                    value = yaml.safe_load(str(edited))
                except yaml.YAMLError as exc:
                    raise CaseError(f"the edited value is not YAML: {exc}", field=f"{p.id}.value") from None
                if not isinstance(value, dict):
                    raise CaseError("the edited value must be a mapping", field=f"{p.id}.value")
                p.value = value
            accept.append(p.id)
        elif choice == "reject":
            reject.append(p.id)
    result = apply_proposals(ps, case_path, accept=accept, reject=reject)
    write_proposals(path, ps)
    changes = None
    if result.applied and result.after is not None:
        from ...analysis.changes import compare_cases
        changes = compare_cases(result.before, result.after, draws=50)
        request.app.state.view = shared_view(case_path, seed=request.app.state.config.seed)
    return render(request, "review_result.html", title="Review applied", result=result, changes=changes,
                  file=path.name)
