// The VS Code client: starts `treaty lsp` (setting `treaty.path`) for .treaty files over
// standard input and output. Everything else (diagnostics, hover, definitions, references,
// symbols, code actions, completion) comes from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("treaty").get("path") || "treaty";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "treaty",
    "treaty",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "treaty" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.treaty,treaty.toml}"),
      },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
