"""Fixtures for the pytest-lsp suite: the built `docent lsp` driven by pytest-lsp's client.

Environment: DOCENT_BIN (default .build/debug/docent), DOCENT_RULES (space-separated rule codes;
default: what `docent rules` lists).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = Path(__file__).resolve().parents[3]
PORTAL = REPO / "fixtures" / "portal"
DOCENT = Path(os.environ.get("DOCENT_BIN", REPO / ".build" / "debug" / "docent"))
if not DOCENT.is_absolute():
    DOCENT = REPO / DOCENT
STEP = 15.0  # seconds any single wait may take

if not DOCENT.exists():
    raise pytest.UsageError(f"docent binary not found at {DOCENT}; run `swift build` first")


def available_rules() -> set[str]:
    listed = os.environ.get("DOCENT_RULES", "").split()
    if listed:
        return set(listed)
    output = subprocess.run([str(DOCENT), "rules"], capture_output=True, text=True, timeout=10, check=True).stdout
    return {line.split()[0] for line in output.splitlines() if line.strip()}


RULES = available_rules()


def require_rule(code: str, issue: int) -> None:
    """Skips the calling test, with a notice, when this build does not have the rule yet."""
    if code not in RULES:
        notice = f"rule {code} not listed by `docent rules` (issue {issue} not landed); assertions skipped"
        print(f"NOTICE: {notice}", file=sys.stderr)
        pytest.skip(notice)


def vscode_capabilities(pull_diagnostics: bool = True) -> types.ClientCapabilities:
    """VS Code's client capabilities as pytest-lsp records them (1.65.2), plus what VS Code with
    vscode-languageclient 9 sends on top since LSP 3.17: position encodings, pull diagnostics with
    workspace refresh, label details, stale-request support."""
    converter = default_converter()
    base = pytest_lsp.client_capabilities("visual-studio-code@v1.65.2")
    caps: dict[str, Any] = converter.unstructure(base)
    general = caps.setdefault("general", {})
    general["positionEncodings"] = ["utf-16"]
    general["staleRequestSupport"] = {
        "cancel": True,
        "retryOnContentModified": ["textDocument/semanticTokens/full", "textDocument/semanticTokens/range"],
    }
    text = caps["textDocument"]
    item = text["completion"]["completionItem"]
    item["labelDetailsSupport"] = True
    assert "documentation" in item["resolveSupport"]["properties"]
    text["completion"]["completionList"] = {"itemDefaults": ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]}
    if pull_diagnostics:
        text["diagnostic"] = {"dynamicRegistration": True, "relatedDocumentSupport": False}
        caps["workspace"]["diagnostics"] = {"refreshSupport": True}
    assert caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] is True
    assert caps["window"]["workDoneProgress"] is True
    return converter.structure(caps, types.ClientCapabilities)


def make_client() -> LanguageClient:
    """pytest-lsp's client that also answers client/registerCapability, as VS Code does."""
    client = pytest_lsp.make_test_lsp_client()
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    return client


CONFIG = ClientServerConfig(server_command=[str(DOCENT), "lsp"], client_factory=make_client)


async def initialize(client: LanguageClient, pull: bool) -> types.InitializeResult:
    return await asyncio.wait_for(initialize_session(client, pull), STEP)


async def initialize_session(client: LanguageClient, pull: bool) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=vscode_capabilities(pull_diagnostics=pull),
            client_info=types.ClientInfo(name="Visual Studio Code", version="1.95.3"),
            locale="en",
            root_uri=PORTAL.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=PORTAL.as_uri(), name="portal")],
            trace=types.TraceValue.Off,
        )
    )


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    """A VS Code-like client that pulls diagnostics."""
    lsp_client.initialize_result = await initialize(lsp_client, pull=True)  # type: ignore[attr-defined]
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), STEP)


@pytest_lsp.fixture(config=CONFIG)
async def push_client(lsp_client: LanguageClient):
    """The same client without pull-diagnostics support: the server pushes publishDiagnostics."""
    lsp_client.initialize_result = await initialize(lsp_client, pull=False)  # type: ignore[attr-defined]
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), STEP)
