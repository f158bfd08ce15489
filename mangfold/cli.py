"""``mangfold``: the editors' command line.

    mangfold check                       every problem, one per line; exit 1 if any
    mangfold new case|tool|film|contact  a new file or entry with every field explained
    mangfold translate cases/x.md --to sv  start a translation from an existing page
    mangfold build                       build; replace site/ only if the build succeeded
    mangfold translations                which pages exist in which language, which are outdated
    mangfold serve                       preview at http://127.0.0.1:8000/ while you write

The guide for editors is docs/editors/ (Danish, Norwegian, Swedish).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from macros.errors import ContentError

from . import project as projects

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    root = Path(args.root).resolve() if args.root else projects.find_root()
    if root is None or not (root / projects.CONFIG_NAME).is_file():
        print(f"mangfold: no {projects.CONFIG_NAME} here or in any folder above; run mangfold inside the project folder (or give --root)", file=sys.stderr)
        return EXIT_USAGE
    try:
        project = projects.load(root)
    except ContentError as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
    return int(args.run(project, args) or EXIT_OK)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mangfold", description=__doc__.split("\n\n")[0].strip("`: "),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", help="the project folder (default: the nearest folder with mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check all content and data without building")
    check.add_argument("--no-warnings", action="store_true", help="list problems only, not missing translations")
    check.set_defaults(run=_check)
    return parser


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem)


def _check(project: projects.Project, args: argparse.Namespace) -> int:
    from . import checks

    started = time.perf_counter()
    report = checks.run(project)
    _print_problems(report.problems)
    if not args.no_warnings:
        _print_problems(report.warnings)
    seconds = time.perf_counter() - started
    summary = (
        f"{len(report.problems)} problem(s), {len(report.warnings)} warning(s) in {report.pages} pages "
        f"and {report.entries} data entries ({seconds:.2f} s)"
    )
    print(("mangfold check: " + summary) if report.problems else f"mangfold check: OK, {summary}", file=sys.stderr)
    return EXIT_PROBLEMS if report.problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
