// VS Code client for aqua-lsp (the aquac language server). Plain CommonJS, no build step.
'use strict';

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind, RevealOutputChannelOn } = require('vscode-languageclient/node');

const CLIENT_ID = 'aqua'; // the client reads `aqua.trace.server` from this id
const CLIENT_NAME = 'Aqua Language Server';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;
/** @type {vscode.FileSystemWatcher | undefined} */
let watcher;

/** The server executable: `aqua.server.path`, with `~` and relative paths resolved. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('aqua').get('server.path');
  let command = typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'aqua-lsp';
  if (command === '~' || command.startsWith('~/')) command = path.join(os.homedir(), command.slice(1));
  // A bare name is looked up on PATH; a relative path with a separator is taken from the first workspace folder.
  if (!path.isAbsolute(command) && /[\\/]/.test(command)) {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    if (folder && folder.uri.scheme === 'file') command = path.join(folder.uri.fsPath, command);
  }
  return command;
}

/** `aqua.importDirs` as a clean array of strings. */
function importDirs() {
  const dirs = vscode.workspace.getConfiguration('aqua').get('importDirs');
  return Array.isArray(dirs) ? dirs.filter((d) => typeof d === 'string' && d !== '') : [];
}

function createClient() {
  const command = serverCommand();
  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = {
    run: { command, transport: TransportKind.stdio },
    debug: { command, transport: TransportKind.stdio },
  };
  if (!watcher) watcher = vscode.workspace.createFileSystemWatcher('**/*.aqua');
  /** @type {import('vscode-languageclient/node').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'aqua' }],
    // Read when the client starts, so a restart picks up the current settings.
    initializationOptions: () => ({ importDirs: importDirs() }),
    synchronize: {
      // workspace/didChangeConfiguration with {settings: {aqua: {importDirs, ...}}}
      configurationSection: 'aqua',
      // workspace/didChangeWatchedFiles for imported files changed outside the editor
      fileEvents: watcher,
    },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

async function startClient() {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const message = err && err.message ? err.message : String(err);
    const choice = await vscode.window.showErrorMessage(
      `Aqua: could not start the language server '${serverCommand()}' (${message}). ` +
        'Build aquac (it provides aqua-lsp) and put it on PATH, or set "aqua.server.path".',
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'aqua.server.path');
    }
  }
}

async function stopClient() {
  const old = client;
  client = undefined;
  if (!old) return;
  try {
    await old.stop();
  } catch (_) {
    // The server may already be gone (crashed or never started).
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(vscode.commands.registerCommand('aqua.restartServer', restartClient));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Import dirs and tracing are applied on the fly; another executable needs a new process.
      if (event.affectsConfiguration('aqua.server.path')) restartClient();
    }),
  );
  context.subscriptions.push({
    dispose: () => {
      if (watcher) watcher.dispose();
      watcher = undefined;
    },
  });
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
