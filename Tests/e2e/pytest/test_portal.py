"""The editor scenario on fixtures/portal through pytest-lsp, a client library written by others:
hover, completion (with lazy resolve), pull and push diagnostics at the right lines, edits that update
them, workspace/diagnostic, and the link edits for a page renamed in the editor."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

from conftest import DOCENT, PORTAL, STEP, require_rule
from lsprotocol import types
from pytest_lsp import LanguageClient

PAGE = "docs/portal/user-guides/navigating-the-catalog.md"
GLOSSARY = "docs/reference/glossary.md"
DOCHUB = "docs/portal/user-guides/reading-docs-in-dochub.md"
MISPLACED = "docs/portal/user-guides/deploy-search-backend.md"


# Helpers -------------------------------------------------------------------------------------------


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lines(relative: str) -> list[str]:
    return (PORTAL / relative).read_text(encoding="utf-8").split("\n")


def find(relative: str, needle: str) -> types.Position:
    """The UTF-16 position of the first occurrence of `needle` in a fixture file."""
    for number, line in enumerate(lines(relative)):
        if needle in line:
            return types.Position(line=number, character=utf16(line[: line.index(needle)]))
    raise AssertionError(f"{needle!r} not in {relative}")


def uri(relative: str) -> str:
    return (PORTAL / relative).as_uri()


def open_document(client: LanguageClient, relative: str, version: int = 1) -> str:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(relative), language_id="markdown", version=version, text=(PORTAL / relative).read_text(encoding="utf-8")
            )
        )
    )
    return uri(relative)


def replace(client: LanguageClient, relative: str, version: int, start: types.Position, old: str, new: str) -> None:
    """An incremental didChange, as VS Code sends it."""
    end = types.Position(line=start.line, character=start.character + utf16(old))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(relative), version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=new)],
        )
    )


def append(client: LanguageClient, relative: str, version: int, text: str) -> None:
    end = len(lines(relative)) - 1
    position = types.Position(line=end, character=utf16(lines(relative)[end]))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(relative), version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=position, end=position), text=text)],
        )
    )


async def pull(client: LanguageClient, relative: str, previous: str | None = None):
    return await asyncio.wait_for(
        client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri(relative)), previous_result_id=previous)
        ),
        STEP,
    )


def with_code(items, code: str) -> list[types.Diagnostic]:
    return [item for item in items if item.code == code]


def text_at(relative: str, range_: types.Range, override: list[str] | None = None) -> str:
    assert range_.start.line == range_.end.line, range_
    line = (override or lines(relative))[range_.start.line]
    encoded = line.encode("utf-16-le")
    return encoded[range_.start.character * 2 : range_.end.character * 2].decode("utf-16-le")


async def wait_for_push(client: LanguageClient, relative: str, condition, what: str) -> list[types.Diagnostic]:
    """Waits until the diagnostics last published for a document satisfy `condition`."""

    async def poll():
        while True:
            items = client.diagnostics.get(uri(relative))
            if items is not None and condition(items):
                return items
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    try:
        return await asyncio.wait_for(poll(), STEP)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}; last published: {client.diagnostics.get(uri(relative))}") from None


def first_sense(term: str) -> str:
    entries = json.loads(subprocess.run([str(DOCENT), "terms", "--json", str(PORTAL)], capture_output=True, text=True, timeout=10, check=True).stdout)
    return next(entry["senses"][0] for entry in entries if entry["term"] == term)


# Initialization --------------------------------------------------------------------------------------


async def test_initialize_with_vscode_capabilities(client: LanguageClient):
    result = client.initialize_result
    caps = result.capabilities
    assert result.server_info.name == "docent"
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert caps.hover_provider
    assert caps.completion_provider.resolve_provider is True
    assert caps.diagnostic_provider.workspace_diagnostics is True
    assert caps.diagnostic_provider.inter_file_dependencies is True
    # Indexing reports $/progress (window.workDoneProgress) from begin to end ...
    async def progress_ended():
        while not any(isinstance(report, types.WorkDoneProgressEnd) for reports in client.progress_reports.values() for report in reports):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(progress_ended(), STEP)
    kinds = [type(report).__name__ for reports in client.progress_reports.values() for report in reports]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd", kinds
    # ... and registers file watchers (workspace.didChangeWatchedFiles.dynamicRegistration).
    methods = [registration.method for registration in client.registrations]
    assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in methods, methods


# Hover and completion --------------------------------------------------------------------------------


async def test_hover_shows_the_glossary_definition(client: LanguageClient):
    open_document(client, PAGE)
    start = find(PAGE, "Service Catalog is the heart")
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(PAGE)), position=types.Position(line=start.line, character=start.character + 3))
        ),
        STEP,
    )
    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "Service Catalog" in hover.contents.value
    assert first_sense("Service Catalog") in " ".join(hover.contents.value.split())
    assert text_at(PAGE, hover.range) == "Service Catalog"


async def test_hover_in_a_line_with_emoji_uses_utf16_columns(client: LanguageClient):
    open_document(client, PAGE)
    start = find(PAGE, "Service Catalog is the best place")  # after "🚀 ", two UTF-16 units
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(PAGE)), position=types.Position(line=start.line, character=start.character + 1))
        ),
        STEP,
    )
    assert hover is not None and text_at(PAGE, hover.range) == "Service Catalog"


async def test_completion_offers_the_multi_word_term_and_resolves_its_documentation(client: LanguageClient):
    open_document(client, PAGE)
    typed = "Next, open the service c"
    append(client, PAGE, 2, "\n" + typed)
    line = len(lines(PAGE))
    result = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri(PAGE)),
                position=types.Position(line=line, character=utf16(typed)),
                context=types.CompletionContext(trigger_kind=types.CompletionTriggerKind.Invoked),
            )
        ),
        STEP,
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = [item.label for item in items]
    item = next((item for item in items if item.label == "Service Catalog"), None)
    assert item is not None, labels
    # The edit replaces exactly what was typed.
    assert item.text_edit.range.start == types.Position(line=line, character=utf16("Next, open the "))
    assert item.text_edit.range.end == types.Position(line=line, character=utf16(typed))
    assert item.text_edit.new_text == "Service Catalog"
    # The client announced resolveSupport for documentation, so it comes lazily.
    assert item.documentation is None
    resolved = await asyncio.wait_for(client.completion_item_resolve_async(item), STEP)
    assert first_sense("Service Catalog") in " ".join(resolved.documentation.value.split())


# Pull diagnostics --------------------------------------------------------------------------------------


async def test_pull_diagnostics_report_the_dangling_reference_at_its_line(client: LanguageClient):
    open_document(client, GLOSSARY)
    report = await pull(client, GLOSSARY)
    assert report.kind == "full"
    dangling = with_code(report.items, "glossary-dangling-reference")
    expected = find(GLOSSARY, "(#User-Role)").line
    assert [d.range.start.line for d in dangling] == [expected], dangling
    assert "#User-Role" in text_at(GLOSSARY, dangling[0].range)
    assert dangling[0].severity == types.DiagnosticSeverity.Warning
    assert dangling[0].source == "docent"
    # Nothing changed: the same result id comes back as "unchanged".
    again = await pull(client, GLOSSARY, previous=report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id


async def test_pull_diagnostics_report_term_casing_on_dochub(client: LanguageClient):
    require_rule("term-casing", 4)
    open_document(client, DOCHUB)
    report = await pull(client, DOCHUB)
    expected = find(DOCHUB, "open it in Dochub").line
    casing = [d for d in with_code(report.items, "term-casing") if d.range.start.line == expected]
    assert len(casing) == 1, report.items
    assert text_at(DOCHUB, casing[0].range) == "Dochub"
    assert casing[0].severity == types.DiagnosticSeverity.Warning


async def test_pull_diagnostics_report_the_misplaced_document_at_its_title(client: LanguageClient):
    require_rule("misplaced-document", 5)
    open_document(client, MISPLACED)
    report = await pull(client, MISPLACED)
    misplaced = with_code(report.items, "misplaced-document")
    assert len(misplaced) == 1, report.items
    title_lines = {find(MISPLACED, "# ").line, find(MISPLACED, "title:").line}
    assert misplaced[0].range.start.line in title_lines, misplaced
    assert misplaced[0].severity == types.DiagnosticSeverity.Warning


async def test_edits_update_pulled_diagnostics_and_ask_for_a_refresh(client: LanguageClient):
    open_document(client, GLOSSARY)
    before = await pull(client, GLOSSARY)
    assert with_code(before.items, "glossary-dangling-reference")
    refreshes = client.diagnostic_refresh_count
    # Fix the anchor's case through the buffer.
    start = find(GLOSSARY, "#User-Role")
    replace(client, GLOSSARY, 2, start, "#User-Role", "#user-role")
    after = await pull(client, GLOSSARY, previous=before.result_id)
    assert after.kind == "full"
    assert not with_code(after.items, "glossary-dangling-reference"), after.items
    # Define "Service Catalog" a second time: glossary-duplicate appears at the new heading.
    append(client, GLOSSARY, 3, "\n## Service Catalog\n\nA second definition of the same term.\n")
    duplicated = await pull(client, GLOSSARY, previous=after.result_id)
    duplicates = with_code(duplicated.items, "glossary-duplicate")
    heading = len(lines(GLOSSARY))  # the appended "\n## Service Catalog" follows the file's last line
    assert heading in [d.range.start.line for d in duplicates], duplicates
    # The glossary changed, so other documents' diagnostics may have too: the server asks for a refresh.
    async def refreshed():
        while client.diagnostic_refresh_count == refreshes:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(refreshed(), STEP)


async def test_term_casing_clears_after_an_edit(client: LanguageClient):
    require_rule("term-casing", 4)
    open_document(client, DOCHUB)
    start = find(DOCHUB, "open it in Dochub")
    start.character += utf16("open it in ")
    replace(client, DOCHUB, 2, start, "Dochub", "DocHub")
    report = await pull(client, DOCHUB)
    assert not [d for d in with_code(report.items, "term-casing") if d.range.start.line == start.line], report.items


async def test_workspace_diagnostic_covers_every_document(client: LanguageClient):
    report = await asyncio.wait_for(client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[])), STEP)
    by_uri = {item.uri: item for item in report.items}
    documents = [path for path in PORTAL.rglob("docs/**/*.md*") if "drafts" not in path.parts]
    assert len(by_uri) == len(documents), sorted(set(path.as_uri() for path in documents) ^ set(by_uri))
    glossary = by_uri[uri(GLOSSARY)]
    assert glossary.kind == "full"
    assert [d.range.start.line for d in with_code(glossary.items, "glossary-dangling-reference")] == [find(GLOSSARY, "(#User-Role)").line]
    self_definitions = with_code(by_uri[uri("docs/reference/roles.md")].items, "glossary-self-definition")
    assert len(self_definitions) >= 1
    # With every result id sent back, nothing has changed.
    previous = [types.PreviousResultId(uri=item.uri, value=item.result_id) for item in report.items]
    again = await asyncio.wait_for(client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=previous)), STEP)
    assert {item.kind for item in again.items} == {"unchanged"}


async def test_rule_settings_from_the_editor_change_severities(client: LanguageClient):
    """What the VS Code extension sends when `docent.rules` changes (synchronize.configurationSection)."""
    open_document(client, GLOSSARY)
    row = find(GLOSSARY, "(#User-Role)").line
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"docent": {"rules": {"glossary-dangling-reference": "error"}}})
    )
    report = await pull(client, GLOSSARY)
    dangling = [d for d in with_code(report.items, "glossary-dangling-reference") if d.range.start.line == row]
    assert [d.severity for d in dangling] == [types.DiagnosticSeverity.Error], report.items
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"docent": {"rules": {"glossary-dangling-reference": "off"}}})
    )
    report = await pull(client, GLOSSARY)
    assert not with_code(report.items, "glossary-dangling-reference"), report.items


# Push diagnostics ------------------------------------------------------------------------------------


async def test_push_diagnostics_update_after_edits(push_client: LanguageClient):
    client = push_client
    open_document(client, GLOSSARY)
    expected = find(GLOSSARY, "(#User-Role)").line
    pushed = await wait_for_push(client, GLOSSARY, lambda items: with_code(items, "glossary-dangling-reference"), "the dangling reference")
    assert [d.range.start.line for d in with_code(pushed, "glossary-dangling-reference")] == [expected]
    replace(client, GLOSSARY, 2, find(GLOSSARY, "#User-Role"), "#User-Role", "#user-role")
    await wait_for_push(client, GLOSSARY, lambda items: not with_code(items, "glossary-dangling-reference"), "the fix to clear it")


async def test_push_diagnostics_report_term_casing(push_client: LanguageClient):
    require_rule("term-casing", 4)
    open_document(push_client, DOCHUB)
    row = find(DOCHUB, "open it in Dochub").line
    pushed = await wait_for_push(push_client, DOCHUB, lambda items: any(d.range.start.line == row for d in with_code(items, "term-casing")), "term-casing")
    assert text_at(DOCHUB, next(d for d in with_code(pushed, "term-casing") if d.range.start.line == row).range) == "Dochub"


async def test_push_diagnostics_report_the_misplaced_document(push_client: LanguageClient):
    require_rule("misplaced-document", 5)
    open_document(push_client, MISPLACED)
    title_lines = {find(MISPLACED, "# ").line, find(MISPLACED, "title:").line}
    pushed = await wait_for_push(push_client, MISPLACED, lambda items: with_code(items, "misplaced-document"), "misplaced-document")
    assert with_code(pushed, "misplaced-document")[0].range.start.line in title_lines


async def test_placement_warnings_move_with_the_text_while_typing(push_client: LanguageClient):
    """Placement is recomputed when typing pauses; meanwhile its warning follows the edited text."""
    require_rule("misplaced-document", 5)
    open_document(push_client, MISPLACED)
    pushed = await wait_for_push(push_client, MISPLACED, lambda items: with_code(items, "misplaced-document"), "misplaced-document")
    line = with_code(pushed, "misplaced-document")[0].range.start.line
    title = find(MISPLACED, "# ")
    replace(push_client, MISPLACED, 2, types.Position(line=title.line, character=0), "", "Draft note.\n\n")
    moved = await wait_for_push(
        push_client, MISPLACED, lambda items: any(d.range.start.line == line + 2 for d in with_code(items, "misplaced-document")), "the warning two lines down"
    )
    assert len(with_code(moved, "misplaced-document")) == 1, moved


async def test_renaming_a_page_in_the_editor_rewrites_the_links_to_it(client: LanguageClient):
    assert client.initialize_result.capabilities.workspace.file_operations.will_rename is not None
    old = "docs/framework/builder-guides/extension-points.md"
    new = "docs/framework/builder-guides/backend/extension-points.md"
    edit = await asyncio.wait_for(
        client.workspace_will_rename_files_async(types.RenameFilesParams(files=[types.FileRename(old_uri=uri(old), new_uri=uri(new))])),
        STEP,
    )
    assert edit is not None
    edits = {}
    for change in edit.document_changes or []:
        edits[change.text_document.uri] = [(item.range, item.new_text) for item in change.edits]
    for change_uri, items in (edit.changes or {}).items():
        edits[change_uri] = [(item.range, item.new_text) for item in items]
    # The two pages that link to it, each at the link's target; nothing else.
    linking = ["docs/framework/builder-guides/backend-modules.md", "docs/framework/builder-guides/integrating-with-the-catalog.md"]
    assert sorted(edits) == sorted(uri(page) for page in linking), edits
    for page in linking:
        [(range_, text)] = edits[uri(page)]
        assert text == "backend/extension-points.md"
        assert text_at(page, range_) == "extension-points.md"


def test_the_fixture_is_untouched():
    assert "(#User-Role)" in (PORTAL / GLOSSARY).read_text(encoding="utf-8")
    assert Path(PORTAL / "docent.json").exists()
