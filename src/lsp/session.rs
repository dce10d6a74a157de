//! The open documents and what the last check of each found. Unsaved buffers shadow the
//! files on disk in every check, so a file that imports an open buffer sees its edits.

use super::index::Index;
use super::position::Encoding;
use crate::check::Report;
use crate::model::Workspace;
use crate::source::FileId;
use lsp_types::Uri;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A buffer the client opened.
#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
}

/// One check of an open document.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    pub index: Index,
    /// The document's own file in `report.sources`.
    pub file: Option<FileId>,
    /// Every file the check read: the document, its imports and baselines.
    pub reads: BTreeSet<PathBuf>,
    /// How long the check took, in milliseconds.
    pub millis: f64,
}

impl Checked {
    /// The Model of the document (present even when it has errors).
    pub fn treaty(&self) -> Option<&crate::model::Treaty> {
        self.report
            .treaties
            .iter()
            .find(|t| Some(t.file) == self.file)
    }

    pub fn text(&self, file: FileId) -> &str {
        self.report.sources.get(file).map_or("", |f| &f.text)
    }

    pub fn path(&self, file: FileId) -> Option<&Path> {
        self.report.sources.get(file).map(|f| f.path.as_path())
    }
}

#[derive(Debug)]
pub struct Session {
    pub encoding: Encoding,
    pub documents: BTreeMap<PathBuf, Document>,
    pub checks: BTreeMap<PathBuf, Checked>,
    /// Documents to check again before answering the next request.
    pub dirty: BTreeSet<PathBuf>,
    /// The client's workspace folders: a document's imports and baselines may reach
    /// anywhere inside the folder that holds it (as `treaty check FOLDER` allows); outside
    /// every folder, inside its own folder (as `treaty check FILE`).
    pub roots: Vec<PathBuf>,
}

impl Session {
    pub fn new(encoding: Encoding, roots: Vec<PathBuf>) -> Self {
        Session {
            encoding,
            documents: BTreeMap::new(),
            checks: BTreeMap::new(),
            dirty: BTreeSet::new(),
            roots,
        }
    }

    /// The folder a document's references must stay in: the innermost workspace folder
    /// that holds it, or its own folder.
    pub fn root(&self, path: &Path) -> PathBuf {
        self.roots
            .iter()
            .filter(|r| path.starts_with(r))
            .max_by_key(|r| r.components().count())
            .cloned()
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default())
    }

    /// Marks `path` and every open document whose last check read it for checking again.
    pub fn touched(&mut self, path: &Path) {
        if self.documents.contains_key(path) {
            self.dirty.insert(path.to_path_buf());
        }
        for (doc, checked) in &self.checks {
            if checked.reads.contains(path) && self.documents.contains_key(doc) {
                self.dirty.insert(doc.clone());
            }
        }
    }

    /// Checks one open document with every open buffer shadowing its file.
    pub fn check(&mut self, path: &Path) {
        let started = std::time::Instant::now();
        let mut ws = Workspace::new(crate::syntax::Limits::default());
        for (p, d) in &self.documents {
            ws.add_source(p, d.text.as_str());
        }
        let report = crate::check::check_file_in(&mut ws, path, &self.root(path));
        let index = Index::build(ws.syntax_trees());
        let file = report.sources.find_path(path);
        let reads = report.sources.iter().map(|(_, f)| f.path.clone()).collect();
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        self.checks.insert(
            path.to_path_buf(),
            Checked {
                report,
                index,
                file,
                reads,
                millis,
            },
        );
    }

    /// The document at `uri` and its last check.
    pub fn get(&self, uri: &Uri) -> Option<(&Document, &Checked)> {
        let path = super::uri::to_path(uri)?;
        Some((self.documents.get(&path)?, self.checks.get(&path)?))
    }
}

/// Whether the server checks a file: clause files only (a scenario script is not one).
pub fn is_checked(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "treaty")
}
