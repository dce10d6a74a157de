#!/usr/bin/env bash
# Tests the TextMate grammars against the annotated files in test/ with vscode-tmgrammar-test
# (from npm). Not part of `cargo test`: run it where npm is available.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/vscode-tmgrammar-test ] || npm install --no-audit --no-fund
npx vscode-tmgrammar-test -g syntaxes/treaty.tmLanguage.json -g syntaxes/scenario.tmLanguage.json 'test/*.treaty' 'test/*.scenario'
