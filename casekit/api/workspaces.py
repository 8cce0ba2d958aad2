"""Making and opening workspaces the way the command line and the notebooks both need."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from casekit.errors import CasekitError
from casekit.record.workspace import DB_NAME, Workspace


def new_workspace(
    path: str | Path,
    *,
    pack: str | Path | None = None,
    profile: str | None = None,
    learner: str = "learner",
    start: str | datetime | None = None,
) -> Workspace:
    """Create a workspace; with a pack, load it so its first enquiries are in the inbox.

    A pack fixes the profile, the start date and the key for personal digests (from the
    pack's seed and the learner), so the same pack and actions give the same log.
    """
    path = Path(path)
    if (path / DB_NAME).exists():
        raise CasekitError(
            f"There is already a workspace at {path}.",
            field="workspace",
            advice="Open it, or choose another folder.",
        )
    when = None
    if isinstance(start, datetime):
        when = start
    elif start:
        try:
            when = datetime.fromisoformat(str(start))
            if len(str(start).strip()) == 10:  # a date alone: the working day starts at 09:00
                when = when.replace(hour=9)
        except ValueError as err:
            raise CasekitError(
                f"start '{start}' is not a date (YYYY-MM-DD).", field="start"
            ) from err
    if pack is None:
        return Workspace.create(
            path, profile=profile or "default", start=when, learner=learner, synthetic=False
        )
    from casekit.scenarios.loader import load_pack
    from casekit.scenarios.pack import read_pack

    pack_data = read_pack(pack)
    existed = path.exists()
    ws = Workspace.create(
        path,
        profile=profile or pack_data.get("protocol_profile", "default"),
        start=when or datetime.fromisoformat(pack_data["start"]),
        learner=learner,
        secret_seed=f"{pack_data.get('seed')}:{learner}:{pack_data.get('pack_id')}",
        synthetic=True,
    )
    try:
        load_pack(ws, pack)
    except BaseException:
        ws.close()
        _remove_workspace(path, whole_folder=not existed)
        raise
    return ws


def open_or_new(
    path: str | Path, *, pack: str | Path | None = None, learner: str = "learner"
) -> Workspace:
    """Open the workspace at ``path``, or make it from ``pack`` if it does not exist yet."""
    path = Path(path)
    if (path / DB_NAME).exists():
        return Workspace.open(path)
    return new_workspace(path, pack=pack, learner=learner)


def _remove_workspace(path: Path, *, whole_folder: bool) -> None:
    """Undo a half-made workspace so a failed load writes nothing."""
    import shutil

    if whole_folder:
        shutil.rmtree(path, ignore_errors=True)
        return
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "pack.json"):
        (path / name).unlink(missing_ok=True)
