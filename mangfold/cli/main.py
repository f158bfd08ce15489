"""mangfold: the editors' command line for the Mangfold site.

  mangfold check                        every problem, one per line; exit 1 if any
  mangfold new case|tool|film|contact   a new page or entry, every field explained
  mangfold translate cases/x.md --to sv start a translation from another language
  mangfold build                        build; replace site/ only if the build succeeded
  mangfold translations                 which pages exist in which language, which are outdated
  mangfold serve                        preview on http://127.0.0.1:8000/ while you write
  mangfold init my-toolbox --languages da,sv   start a new toolbox site in these languages

The guide for editors is docs/editors/ (dansk, norsk, svenska).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterable

from ..core import messages
from ..core.errors import ContentError, Msg

from . import project as projects

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
KINDS = ("case", "tool", "film", "contact")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    # The editor's language: --lang (before the command), the language they write in (new --lang), the locale, English.
    args.say = messages.load(messages.choose(args.ui_lang or (getattr(args, "lang", None) if args.command == "new" else None),
                                             os.environ))
    if args.command == "init":
        return _init(args)
    root = Path(args.root).resolve() if args.root else projects.find_root()
    if root is None or not (root / projects.CONFIG_NAME).is_file():
        _err(args.say("cli_no_config", config=projects.CONFIG_NAME))
        return EXIT_USAGE
    try:
        project = projects.load(root)
    except ContentError as exc:
        _print(exc.problems, args.say)
        return EXIT_PROBLEMS
    for option in ("lang", "to", "source"):
        value = getattr(args, option, None)
        if value is not None and value not in project.languages:
            flag = {"source": "--from"}.get(option, f"--{option}")
            _err(args.say("cli_not_a_language", command=args.command, flag=flag, value=value, codes=", ".join(project.languages.codes)))
            return EXIT_USAGE
    try:
        return int(args.run(project, args) or EXIT_OK)
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mangfold", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", help="the project folder (default: the nearest folder above with mkdocs.yml)")
    parser.add_argument("--lang", dest="ui_lang", metavar="LANG",
                        help="the language mangfold speaks (default: the one you write in, else your locale, else English)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check all content and data without building (exit 1 on problems)")
    check.add_argument("--no-warnings", action="store_true", help="list problems only, not pages missing in a language")
    check.set_defaults(run=_check)

    new = sub.add_parser("new", help="create a case, tool, film or contact", formatter_class=argparse.RawDescriptionHelpFormatter,
                         description="Create a new case, tool, film or contact with every field present and explained.\n"
                                     "Fields you do not give here are left empty: mangfold check tells you what is still missing.\n\n"
                                     "  mangfold new case --lang da --title \"Sprogcafé på Nørrebro\" --themes inclusive-workplace --tools gap-analysis\n"
                                     "  mangfold new tool --lang sv --title \"Språkvän\" --id language-buddy --phase action-plan\n"
                                     "  mangfold new film --lang no --title \"Mangfold i praksis\"\n"
                                     "  mangfold new contact --lang da --title \"Anna Jensen\" --organisation \"Aarhus Kommune\"")
    new.add_argument("kind", choices=KINDS, help="what to create")
    new.add_argument("--lang", required=True, help="the language you write in (a folder under content/, e.g. da)")
    new.add_argument("--title", required=True, help="the title (for a contact: the person's name)")
    new.add_argument("--slug", "--id", dest="slug", help="file name / id (default: made from the title)")
    new.add_argument("--summary", help="case: one or two sentences")
    new.add_argument("--purpose", help="tool: its purpose in one sentence")
    new.add_argument("--description", help="film: a few sentences")
    new.add_argument("--organisation", help="case, film, contact: the organisation")
    new.add_argument("--country", help="case, contact: dk, no or se (default: the language's country)")
    new.add_argument("--year", type=int, help="case, film: the year")
    new.add_argument("--themes", help="case, tool: theme ids, comma-separated")
    new.add_argument("--tools", help="case: tool ids used, comma-separated")
    new.add_argument("--contacts", help="case: contact ids, comma-separated")
    new.add_argument("--films", help="case: film ids, comma-separated")
    new.add_argument("--source", help="case: where the facts come from")
    new.add_argument("--phase", help="tool: the phase id")
    new.add_argument("--audience", help="tool: audience ids, comma-separated")
    new.add_argument("--minutes", help="tool: time as a range, e.g. 60-120")
    new.add_argument("--participants", help="tool: participants as a range, e.g. 3-8")
    new.add_argument("--page-url", help="film: https:// address of the page showing it")
    new.add_argument("--role", help="contact: the person's role, in --lang")
    new.add_argument("--email", help="contact: e-mail address")
    new.add_argument("--phone", help="contact: phone number, e.g. '+45 33 12 34 56'")
    new.set_defaults(run=_new)

    translate = sub.add_parser("translate", help="start a page's translation as a copy of another language's version")
    translate.add_argument("page", help="the page, e.g. cases/krut-stockholm.md (or content/da/cases/krut-stockholm.md)")
    translate.add_argument("--to", required=True, help="the language to translate into")
    translate.add_argument("--from", dest="source", help="the language to copy (default: the first that has the page)")
    translate.set_defaults(run=_translate)

    build = sub.add_parser("build", help="check, build, and replace site/ only when the build succeeded")
    build.add_argument("--no-search-index", action="store_true", help="skip the Pagefind search index (faster previews)")
    build.set_defaults(run=_build)

    translations = sub.add_parser("translations", help="which pages exist in which language, and which translations are outdated")
    translations.add_argument("--lang", help="only problems of this language")
    translations.add_argument("--json", action="store_true", help="machine-readable output")
    translations.set_defaults(run=_translations)

    init = sub.add_parser("init", help="start a new toolbox site in the languages you choose",
                          description="Write a complete small toolbox site (an example of each kind of content) into FOLDER.")
    init.add_argument("folder", help="a new or empty folder")
    init.add_argument("--languages", required=True, help="language codes, comma-separated, e.g. da,sv or fi,sv,en")
    init.add_argument("--default", help="the default language (default: the first)")

    serve = sub.add_parser("serve", help="preview the site while you write (reloads on every save)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)
    return parser


def _print(lines: Iterable[Any], say: messages.Messages | None = None) -> None:
    """Problems and messages (said in the editor's language) or plain lines, one per line."""
    for line in lines:
        if say is not None and hasattr(line, "render"):
            line = line.render(say.say)
        elif say is not None and isinstance(line, Msg):
            line = say.say(line)
        print(line)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# ---------------------------------------------------------------- commands

def _check(project: projects.Project, args: argparse.Namespace) -> int:
    from . import checks

    started = time.perf_counter()
    report = checks.run(project)
    _print(report.problems, args.say)
    if not args.no_warnings:
        _print(report.warnings, args.say)
    summary = args.say("cli_check_summary", problems=len(report.problems), warnings=len(report.warnings), pages=report.pages,
                       entries=report.entries, seconds=f"{time.perf_counter() - started:.2f}")
    _err(args.say("cli_check_failed" if report.problems else "cli_check_ok", summary=summary))
    return EXIT_PROBLEMS if report.problems else EXIT_OK


def _new(project: projects.Project, args: argparse.Namespace) -> int:
    from .. import components
    from ..core import data as site_data

    from . import scaffold

    try:
        data = site_data.load(project.data_dir, project.root, components.default().kinds, project.languages, project.docs_dir)
    except ContentError as exc:
        data = exc.partial or site_data.SiteData()
        _err(args.say("cli_new_data_problems", count=len(exc.problems)))
    common = {"lang": args.lang, "title": args.title}
    try:
        if args.kind == "case":
            written = scaffold.new_case(project, data, **common, slug=args.slug, summary=args.summary, organisation=args.organisation,
                                        country=args.country, year=args.year, themes=args.themes, tools=args.tools,
                                        contacts=args.contacts, films=args.films, source=args.source)
        elif args.kind == "tool":
            written = scaffold.new_tool(project, data, **common, entry_id=args.slug, purpose=args.purpose, phase=args.phase,
                                        themes=args.themes, audience=args.audience, minutes=args.minutes, participants=args.participants)
        elif args.kind == "film":
            written = scaffold.new_film(project, data, **common, entry_id=args.slug, description=args.description,
                                        organisation=args.organisation, year=args.year, page_url=args.page_url)
        else:
            written = scaffold.new_contact(project, data, **common, entry_id=args.slug, organisation=args.organisation,
                                           country=args.country, role=args.role, email=args.email, phone=args.phone)
    except (scaffold.ScaffoldError, FileExistsError, ContentError) as exc:
        _err(f"mangfold new: {_said(exc, args.say)}")
        return EXIT_PROBLEMS
    return _report_written(written, args.say)


def _translate(project: projects.Project, args: argparse.Namespace) -> int:
    from . import scaffold

    try:
        written = scaffold.translate(project, args.page, args.to, args.source)
    except (scaffold.ScaffoldError, FileExistsError, ContentError) as exc:
        _err(f"mangfold translate: {_said(exc, args.say)}")
        return EXIT_PROBLEMS
    return _report_written(written, args.say)


def _said(exc: Exception, say: messages.Messages) -> str:
    if isinstance(exc, ContentError):
        return "; ".join(p.render(say.say) for p in exc.problems)
    message = exc.args[0] if exc.args else str(exc)
    return say.say(message) if isinstance(message, Msg) else str(message)


def _report_written(written: Any, say: messages.Messages) -> int:
    for path in written.files:
        print(say("cli_wrote", path=path))
    if written.todo:
        print(say("cli_still_to_do"))
        _print(f"  {say.say(item) if isinstance(item, Msg) else item}" for item in written.todo)
    print(say("cli_then_run"))
    return EXIT_OK


def _build(project: projects.Project, args: argparse.Namespace) -> int:
    from . import safebuild

    env = {"MANGFOLD_SEARCH_INDEX": "false"} if args.no_search_index else None
    try:
        outcome = safebuild.build(project, env, say=lambda message: _err(_said_message(message, args.say)))
    except (safebuild.Stopped, TimeoutError) as exc:
        _err(args.say("cli_build_stopped", reason=str(exc), site=project.shown(project.site_dir).rstrip("/")))
        return EXIT_PROBLEMS
    kept = project.shown(project.site_dir).rstrip("/")
    if not outcome.ok:
        _print(outcome.problems, args.say)
        _err(args.say("cli_build_failed", count=len(outcome.problems), seconds=f"{outcome.seconds:.1f}", site=kept,
                      none=args.say("cli_build_none_yet") if not project.site_dir.exists() else ""))
        return EXIT_PROBLEMS
    note = args.say("cli_build_warnings", count=outcome.warnings) if outcome.warnings else ""
    _err(args.say("cli_build_ok", site=kept, seconds=f"{outcome.seconds:.1f}", note=note))
    return EXIT_OK


def _said_message(message: Any, say: messages.Messages) -> str:
    return say.say(message) if isinstance(message, Msg) else str(message)


def _translations(project: projects.Project, args: argparse.Namespace) -> int:
    from . import translations as tr

    pages = tr.report(project)
    docs = project.docs_dir.name
    if args.json:
        drifts_by_key: dict[str, list] = {}
        for found in tr.drift(project):
            drifts_by_key.setdefault(found.key, []).append({"what": found.what, "values": found.values})
        print(json.dumps([
            {"page": p.key, "source": p.source, "missing": p.missing, "outdated": p.outdated,
             "drift": drifts_by_key.get(p.key, []),
             "versions": {c: {"file": project.shown(v.path), "changed": tr.when(v.changed)} for c, v in p.versions.items()}}
            for p in pages
        ], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max([len(p.key) for p in pages] + [4])
    print(f"{'page':<{width}}  " + "  ".join(f"{c:<9}" for c in project.languages.codes))
    for page in pages:
        cells = []
        for code in project.languages.codes:
            cells.append("missing" if code in page.missing else "OUTDATED" if code in page.outdated
                         else "source" if code == page.source else "ok")
        print(f"{page.key:<{width}}  " + "  ".join(f"{c:<9}" for c in cells))
    languages = [args.lang] if args.lang else list(project.languages.codes)
    missing = [(p, c) for p in pages for c in p.missing if c in languages]
    outdated = [(p, c) for p in pages for c in p.outdated if c in languages]
    gaps = [g for g in tr.data_gaps(project) if g.lang in languages]
    drifts = [d for d in tr.drift(project) if any(code in languages for code in d.values)]
    print()
    print(args.say("cli_translations_summary", missing=len(missing), outdated=len(outdated), gaps=len(gaps), drifts=len(drifts)))
    for page, code in missing:
        print(args.say("cli_translations_missing", file=f"{docs}/{code}/{page.key}", source=page.source, key=page.key, code=code))
    for page, code in outdated:
        source, version = page.versions[page.source], page.versions[code]
        print(args.say("cli_translations_outdated", file=project.shown(version.path), source=project.shown(source.path),
                       source_changed=tr.when(source.changed), changed=tr.when(version.changed)))
    for found in drifts:
        values = "; ".join(f"{code}: {value}" for code, value in found.values.items())
        print(args.say("cli_translations_drift", key=found.key, what=found.what, values=values))
    for gap in gaps:
        where = f"{gap.file}:{gap.line}" if gap.line else gap.file
        entry = args.say.say(gap.entry) if isinstance(gap.entry, Msg) else (gap.entry or "")
        print(args.say("cli_translations_gap", where=where, entry=entry, field=gap.field, code=gap.lang))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from .init import InitError, init

    folder = Path(args.folder)
    try:
        started = init(folder, args.languages.split(","), args.default)
    except InitError as exc:
        _err(f"mangfold init: {exc}")
        return EXIT_PROBLEMS
    print(args.say("cli_init_wrote", folder=folder, languages=", ".join(str(e["name"]) for e in started.languages)))
    for note in started.notes:
        print(args.say("cli_init_note", note=note))
    print(args.say("cli_init_next", folder=folder))
    return EXIT_OK


def _serve(project: projects.Project, args: argparse.Namespace) -> int:
    """mkdocs serve, after a check, so a problem shows as one line before the preview starts."""
    from . import checks

    report = checks.run(project)
    _print(report.problems, args.say)
    if report.problems:
        _err(args.say("cli_serve_problems", count=len(report.problems)))
        return EXIT_PROBLEMS
    _err(args.say("cli_serve_open", address=args.dev_addr))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # --dirty re-renders only the saved page (the plugin widens it to every page when
    # front matter, data or templates change): 0.55 s instead of 4.7 s at 700 pages
    # (bench/serve_reload.py). --no-strict because MkDocs logs its own "dirty build"
    # notice as a warning, which strict mode would turn into a failure on every save.
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project.root / projects.CONFIG_NAME),
               "--dev-addr", args.dev_addr, "--dirty", "--no-strict"]
    return subprocess.call(command, cwd=project.root, env=env)


if __name__ == "__main__":
    sys.exit(main())
