//! Declared articles, citations checked against them, and the treaty header.

use super::*;

impl Resolver {
    pub(super) fn articles(&mut self, ast: &ast::File) {
        // Reserved at once: grown by doubling, the list took up to twice its size.
        let count = ast
            .items
            .iter()
            .filter(|i| matches!(i, Item::Article(_)))
            .count();
        self.treaty.articles.reserve_exact(count);
        for item in &ast.items {
            let Item::Article(a) = item else { continue };
            let key = (a.citation.kind.clone(), a.citation.path.clone());
            if let Some(&first) = self.declared.get(&key) {
                self.diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_DEFINITION,
                        a.citation.span,
                        format!("`{}` is declared more than once", a.citation.display()),
                    )
                    .with_label("declared again here")
                    .with_secondary(first, "first declared here")
                    .with_help("give each article one declaration; put further text in `says`"),
                );
                continue;
            }
            self.declared.insert(key, a.citation.span);
            let examples = self
                .article_examples
                .entry(a.citation.kind.clone())
                .or_default();
            if examples.len() < 12 {
                examples.push(a.citation.display());
            }
            let mut prefix = Vec::new();
            for part in &a.citation.path {
                prefix.push(part.clone());
                self.declared_prefixes
                    .insert((a.citation.kind.clone(), prefix.clone()));
            }
            // The weakest note decides: an article partly read is as strong as its weakest part.
            let (status, note) = if let Some(n) = &a.not_encoded {
                (ArticleStatus::NotEncoded, Some(n))
            } else if let Some(n) = &a.unverified {
                (ArticleStatus::Paraphrase, Some(n))
            } else if let Some(n) = &a.practice {
                (ArticleStatus::Practice, Some(n))
            } else {
                (ArticleStatus::Quoted, None)
            };
            self.treaty.articles.push(Article {
                kind: a.citation.kind.clone(),
                path: a.citation.path.clone(),
                title: a.title.as_ref().map(|t| t.value.clone()),
                text: a.text.as_ref().map(|t| t.value.clone()),
                from: a.from.iter().map(|t| t.value.clone()).collect(),
                status,
                status_note: note.map(|t| t.value.clone()),
                span: a.citation.span,
            });
        }
    }

    /// Checks a citation against the declared articles. `article 5.3` matches a declared
    /// `article 5` (the paragraph of a declared article) and `article 6` matches a declared
    /// `article 6.3` (an article known through one of its paragraphs).
    pub(super) fn cite(&mut self, c: &Option<ast::Citation>) -> Option<Cite> {
        let c = c.as_ref()?;
        let key = |path: &[String]| (c.kind.clone(), path.to_vec());
        let found = if c.path.is_empty() {
            self.declared.contains_key(&key(&[]))
        } else {
            // Cited as declared, or as the paragraph of a declared article, or as the
            // article of a declared paragraph.
            self.declared_prefixes.contains(&key(&c.path))
                || (1..c.path.len())
                    .filter_map(|n| c.path.get(..n))
                    .any(|prefix| self.declared.contains_key(&key(prefix)))
        };
        if !found {
            let declared: Vec<String> = self
                .article_examples
                .get(&c.kind)
                .cloned()
                .unwrap_or_default();
            let help = if declared.is_empty() {
                format!(
                    "declare it, e.g. `{} says \"...\"`, so that findings can cite its text",
                    c.display()
                )
            } else {
                format!("declared: {}", declared.join(", "))
            };
            self.diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_ARTICLE,
                    c.span,
                    format!("`{}` is cited but not declared", c.display()),
                )
                .with_label("no such article")
                .with_help(help),
            );
        }
        Some(Cite {
            text: c.display(),
            kind: c.kind.clone(),
            path: c.path.clone(),
            unverified: None,
            span: c.span,
        })
    }

    pub(super) fn header(&mut self, h: &ast::TreatyHeader) {
        if self.treaty.header.is_some() {
            self.diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_DEFINITION,
                    h.title.span,
                    "a file has at most one `treaty` header",
                )
                .with_help("put each instrument in a file of its own"),
            );
            return;
        }
        self.treaty.header = Some(Header {
            title: h.title.value.clone(),
            date: h.date.as_ref().map(|d| d.value.clone()),
            status: h.status.map(|(s, _)| s),
            sources: h.sources.iter().map(|s| s.value.clone()).collect(),
            partial: h.partial.as_ref().map(|p| p.value.clone()),
            baseline_references: h
                .baselines
                .iter()
                .map(|b| self.cite(&b.referred_in))
                .collect(),
            span: h.title.span,
        });
    }
}
