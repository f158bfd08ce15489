"""Pagefind, run on the built site: one search index per <html lang>, with stemming.

A build waits for it and fails if it fails. Under ``mkdocs serve`` it runs in
the background instead (an editor waits for the page, not for search), and a
newer build stops the old run before MkDocs cleans the folder it writes to.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.mangfold")


def _command(site_dir: str) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, "-m", "pagefind", "--site", site_dir, "--quiet"], {**os.environ, "PAGEFIND_SITE": site_dir}


def build(site_dir: str) -> None:
    """Index the site now; raise PluginError if Pagefind fails."""
    command, env = _command(site_dir)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise PluginError(f"pagefind failed: {result.stderr.strip() or result.stdout.strip()}")


class BackgroundIndex:
    """At most one Pagefind run in the background; failures become warnings."""

    def __init__(self) -> None:
        self._job: subprocess.Popen | None = None

    def start(self, site_dir: str) -> None:
        self.stop()
        command, env = _command(site_dir)
        job = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        self._job = job
        threading.Thread(target=self._report, args=(job,), daemon=True).start()

    def wait(self, timeout: float) -> None:
        """Until the running index is written (tests and tools that need it)."""
        if self._job is not None:
            self._job.wait(timeout=timeout)

    def stop(self) -> None:
        job, self._job = self._job, None
        if job is not None and job.poll() is None:
            job.terminate()
            try:
                job.wait(timeout=10)
            except subprocess.TimeoutExpired:
                job.kill()

    @staticmethod
    def _report(job: subprocess.Popen) -> None:
        _, errors = job.communicate()
        if job.returncode and job.returncode > 0:  # < 0: stopped by a newer build
            log.warning(f"pagefind failed, search is not up to date: {(errors or '').strip()}")
