// Docent for VS Code: starts `docent lsp` for Markdown and MDX, passes the `docent.*` settings,
// shows the page's section and persona in the status bar, and offers "Docent: Show persona report".

import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  ErrorCodes,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

/** `docent/pagePlacement` result, as the placement issue defines it; every field optional. */
interface PagePlacement {
  section?: { title?: string; path?: string } | null;
  persona?: string | { id?: string; title?: string } | null;
  suggestedSection?: { title?: string; path?: string } | null;
  suggestedPersona?: string | { id?: string; title?: string } | null;
  readsAs?: string | { id?: string; title?: string; share?: number } | null;
  confidence?: number;
}

const documentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'mdx' },
  { scheme: 'untitled', language: 'markdown' },
];

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem;
let output: vscode.OutputChannel;
/** Becomes false when the server answers MethodNotFound: then the status item stays hidden. */
let placementSupported = true;
let placementTimer: NodeJS.Timeout | undefined;

function settings(): { path: string; rules: Record<string, string> } {
  const config = vscode.workspace.getConfiguration('docent');
  return { path: config.get<string>('path') || 'docent', rules: config.get<Record<string, string>>('rules') ?? {} };
}

function isDocent(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document !== undefined && vscode.languages.match(documentSelector, document) > 0;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const { path, rules } = settings();
  const serverOptions: ServerOptions = { command: path, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: { docent: { rules } },
    // Settings changes reach the server as workspace/didChangeConfiguration {docent: {...}}.
    synchronize: { configurationSection: 'docent' },
  };
  // The id 'docent' makes the client honour the `docent.trace.server` setting.
  client = new LanguageClient('docent', 'Docent', serverOptions, clientOptions);
  context.subscriptions.push(client.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      placementSupported = true;
      void updatePlacement();
    } else {
      statusItem.hide();
    }
  }));
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`Docent could not start \`${path} lsp\`: ${String(error)}. Set "docent.path".`);
  }
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  const previous = client;
  client = undefined;
  if (previous) {
    await previous.stop().catch(() => undefined);
  }
  await startClient(context);
}

// --- Status bar: the page's section and persona ------------------------------------------------------

function title(value: PagePlacement['persona']): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.title ?? value.id;
}

async function updatePlacement(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!client || !client.isRunning() || !placementSupported || !isDocent(document)) {
    statusItem.hide();
    return;
  }
  try {
    const placement = await client.sendRequest<PagePlacement | null>('docent/pagePlacement', {
      textDocument: { uri: document.uri.toString() },
    });
    const section = placement?.section?.title ?? placement?.section?.path;
    const persona = title(placement?.persona);
    const suggested = placement?.suggestedSection?.title ?? placement?.suggestedSection?.path;
    if (!placement || (!section && !persona && !suggested)) {
      statusItem.hide();
      return;
    }
    // A page in no section shows where it belongs.
    statusItem.text = section || persona
      ? `$(book) ${[section, persona].filter(Boolean).join(' · ')}`
      : `$(book) No section · suggested ${suggested}`;
    statusItem.tooltip = new vscode.MarkdownString(
      [
        `**Section:** ${section ?? 'none'}`,
        `**Persona:** ${persona ?? 'none'}`,
        suggested ? `**Suggested section:** ${suggested}` : undefined,
        placement.confidence !== undefined ? `Confidence ${Math.round(placement.confidence * 100)} %` : undefined,
      ].filter(Boolean).join('  \n'),
    );
    statusItem.show();
  } catch (error) {
    // A server without the request: show nothing, and stop asking.
    if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
      placementSupported = false;
    }
    statusItem.hide();
  }
}

function schedulePlacement(): void {
  if (placementTimer) clearTimeout(placementTimer);
  placementTimer = setTimeout(() => void updatePlacement(), 400);
}

// --- "Docent: Show persona report" ----------------------------------------------------------------------

function runDocent(args: string[], cwd: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(settings().path, args, { cwd, timeout: 30_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && !stdout) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

/** The persona report of the active page: the server's `docent/personaReport` when it has one, else
 * `docent classify FILE` and `docent sections DIR` from the command line. */
async function showPersonaReport(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!isDocent(document) || document.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Docent: open a Markdown page of a docs workspace first.');
    return;
  }
  let report: string | undefined;
  if (client?.isRunning()) {
    try {
      const answer = await client.sendRequest<{ markdown?: string } | string | null>('docent/personaReport', {
        textDocument: { uri: document.uri.toString() },
      });
      report = typeof answer === 'string' ? answer : answer?.markdown;
    } catch {
      report = undefined; // no such request in this server: fall back to the command line
    }
  }
  if (report === undefined) {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    try {
      const classify = await runDocent(['classify', document.uri.fsPath], folder);
      const sections = await runDocent(['sections', ...(folder ? [folder] : [])], folder).catch(() => '');
      report = [
        `# Persona report: ${vscode.workspace.asRelativePath(document.uri)}`,
        '', '```text', classify.trimEnd(), '```',
        ...(sections ? ['', '## Sections', '', '```text', sections.trimEnd(), '```'] : []),
      ].join('\n');
    } catch (error) {
      void vscode.window.showWarningMessage(`Docent: this version of docent has no persona report (${String(error)}).`);
      return;
    }
  }
  const shown = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(shown, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

// --- Activation ------------------------------------------------------------------------------------------

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Docent');
  statusItem = vscode.window.createStatusBarItem('docent.placement', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'Docent: section and persona';
  statusItem.command = 'docent.showPersonaReport';
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand('docent.showPersonaReport', showPersonaReport),
    vscode.commands.registerCommand('docent.restartServer', () => restartClient(context)),
    vscode.window.onDidChangeActiveTextEditor(schedulePlacement),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) schedulePlacement();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // A new executable needs a new process; rules travel by didChangeConfiguration.
      if (event.affectsConfiguration('docent.path')) void restartClient(context);
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  if (placementTimer) clearTimeout(placementTimer);
  await client?.stop();
}
