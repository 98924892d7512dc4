"""Test-only: SIGKILL this process at a named point of a library write, when TEST_CRASH_AT is set.

Put this folder on the PYTHONPATH of a real process (the app, the CLI); Python imports this module at start-up.
TEST_CRASH_AT is one of:
- "set_document:NAME": the new passages of document NAME are written, its manifest switch is not yet made;
- "delete_version": a removal has dropped the manifest entry, the document's passages are still stored;
- "notebook_commit:TEXT": a juror's note holding TEXT is written in the notebook's open transaction, not yet
  committed.
"""

import os

_SPEC = os.environ.get("TEST_CRASH_AT", "")

if _SPEC:
    import signal

    from assistant.library.store import LibraryStore

    _POINT, _, _NAME = _SPEC.partition(":")
    _real_set_document = LibraryStore.set_document
    _real_delete_version = LibraryStore.delete_version

    def _set_document(self, record):
        if _POINT == "set_document" and record.source == _NAME:
            os.kill(os.getpid(), signal.SIGKILL)
        return _real_set_document(self, record)

    def _delete_version(self, version):
        if _POINT == "delete_version":
            os.kill(os.getpid(), signal.SIGKILL)
        return _real_delete_version(self, version)

    LibraryStore.set_document = _set_document
    LibraryStore.delete_version = _delete_version

    if _POINT == "notebook_commit":
        from assistant.notebook.store import Database

        _real_commit = Database._commit

        def _commit(self, conn):
            row = conn.execute("SELECT value FROM notes ORDER BY id DESC LIMIT 1").fetchone()
            if row is not None and _NAME in row[0]:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real_commit(self, conn)

        Database._commit = _commit
