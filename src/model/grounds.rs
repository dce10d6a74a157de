//! Where the Model answers what a finding rests on: the status of the article a citation
//! names, and whether the file encodes the whole instrument.

use super::{Article, ArticleStatus, Baseline, Cite, Related, Treaty};
use crate::basis::{Basis, Ground};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The declared article a citation names: the article itself; else the nearest declared
/// article it is part of (`article 5.3` in a declared `article 5`); else the weakest of the
/// declared paragraphs of it (`article 6` known through `article 6.3`).
pub(crate) fn article_for<'a>(
    articles: &'a [Article],
    index: &ArticleIndex,
    cite: &Cite,
) -> Option<&'a Article> {
    let index = index.of(articles);
    let at = |path: &[String]| index.get(&(cite.kind.clone(), path.to_vec()));
    if let Some(exact) = at(&cite.path).and_then(|e| e.first) {
        return articles.get(exact);
    }
    // The longest declared part of the path (the last declared, if declared twice).
    let ancestor = (0..cite.path.len())
        .rev()
        .filter_map(|n| cite.path.get(..n))
        .find_map(|prefix| at(prefix).and_then(|e| e.last));
    if let Some(i) = ancestor {
        return articles.get(i);
    }
    at(&cite.path)
        .and_then(|e| e.strongest_below)
        .and_then(|i| articles.get(i))
}

/// Where the articles of a path are, so that each finding's citation is looked up, not
/// searched for among all the articles (which made a file of many findings and many
/// articles quadratic). Built on first use from the articles it is kept beside.
#[derive(Clone, Default)]
pub struct ArticleIndex(OnceLock<HashMap<(String, Vec<String>), Entry>>);

/// Derived from the articles beside it, and in no fixed order: not part of what a Model
/// shows (tests compare Models by their debug form).
impl std::fmt::Debug for ArticleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ArticleIndex")
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    /// The first and the last article declared with exactly this path.
    first: Option<usize>,
    last: Option<usize>,
    /// Of the articles whose path starts with this one (itself included), the last of the
    /// strongest basis.
    strongest_below: Option<usize>,
}

impl ArticleIndex {
    fn of(&self, articles: &[Article]) -> &HashMap<(String, Vec<String>), Entry> {
        self.0.get_or_init(|| {
            let mut map: HashMap<(String, Vec<String>), Entry> = HashMap::new();
            for (i, a) in articles.iter().enumerate() {
                for n in 0..=a.path.len() {
                    let Some(prefix) = a.path.get(..n) else {
                        continue;
                    };
                    let e = map.entry((a.kind.clone(), prefix.to_vec())).or_default();
                    if n == a.path.len() {
                        e.first = e.first.or(Some(i));
                        e.last = Some(i);
                    }
                    let stronger = e
                        .strongest_below
                        .and_then(|j| articles.get(j))
                        .is_none_or(|best| a.status.basis() >= best.status.basis());
                    if stronger {
                        e.strongest_below = Some(i);
                    }
                }
            }
            map
        })
    }
}

fn ground(
    articles: &[Article],
    index: &ArticleIndex,
    cite: &Cite,
    instrument: Option<&str>,
) -> Ground {
    let (mut basis, mut why) = match article_for(articles, index, cite) {
        Some(a) => (a.status.basis(), a.status_note.clone()),
        // Not declared: resolution reported it; nothing was read.
        None => (Basis::Incomplete, Some("not declared".to_string())),
    };
    if let Some(note) = &cite.unverified {
        if basis < Basis::Unverified {
            basis = Basis::Unverified;
            why = Some(note.clone());
        }
    }
    Ground {
        citation: cite.text.clone(),
        basis,
        why,
        instrument: instrument.map(str::to_string),
    }
}

impl Treaty {
    /// What a finding citing `cite` rests on in this treaty.
    pub fn ground(&self, cite: &Cite) -> Ground {
        ground(&self.articles, &self.article_index, cite, None)
    }

    /// What a finding citing `cite` in a baseline rests on.
    pub fn baseline_ground(&self, baseline: &Baseline, cite: &Cite) -> Ground {
        ground(
            &baseline.articles,
            &baseline.article_index,
            cite,
            Some(&baseline.title),
        )
    }

    /// What a finding citing `cite` in a related instrument rests on.
    pub fn related_ground(&self, related: &Related, cite: &Cite) -> Ground {
        ground(
            &related.articles,
            &related.article_index,
            cite,
            Some(&related.title),
        )
    }

    /// Why this file does not encode the whole instrument, if it does not: the header's
    /// `encoding partial "..."`, or the articles declared `not encoded`. Silence in such a
    /// file is not silence in the treaty.
    pub fn incomplete_encoding(&self) -> Option<String> {
        let partial = self.header.as_ref().and_then(|h| h.partial.clone());
        let missing: Vec<String> = self
            .articles
            .iter()
            .filter(|a| a.status == ArticleStatus::NotEncoded)
            .map(Article::citation)
            .collect();
        let missing = match missing.as_slice() {
            [] => None,
            [one] => Some(format!("{one} is not encoded")),
            many => Some(format!(
                "{} are not encoded",
                crate::wording::and_list(many)
            )),
        };
        match (partial, missing) {
            (None, None) => None,
            (Some(p), None) => Some(format!("the encoding is partial: {p}")),
            (None, Some(m)) => Some(format!("the encoding is partial: {m}")),
            (Some(p), Some(m)) => Some(format!("the encoding is partial: {p}; {m}")),
        }
    }

    /// `; counted over the 56 parties the file lists: the treaty is also open to ...`, for a
    /// finding that counts members of a treaty others may join (the EST's organisations),
    /// or nothing.
    pub fn counted_over_listed_parties(&self) -> String {
        let open: Vec<&str> = self
            .accession
            .iter()
            .map(|(to, _, _)| to.as_str())
            .collect();
        if open.is_empty() || self.treaty_parties.is_empty() {
            return String::new();
        }
        format!(
            "; counted over the {} parties the file lists: the treaty is also open to {}",
            self.treaty_parties.len(),
            open.join("; ")
        )
    }

    /// Whether the text of the cited article was read, so that what the clause does not say
    /// may be taken as what the article does not say. A clause that cites nothing is its own
    /// text (a draft written directly in the clause language).
    pub fn silence_is_evidence(&self, cite: Option<&Cite>) -> bool {
        cite.is_none_or(|c| self.ground(c).basis == Basis::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::{article_for, ArticleIndex};
    use crate::basis::{ArticleStatus, Basis};
    use crate::model::{Article, Cite};
    use crate::source::Span;
    use crate::testing::checked;

    /// The search the index replaced, kept as its oracle.
    fn searched<'a>(articles: &'a [Article], cite: &Cite) -> Option<&'a Article> {
        let same_kind = || articles.iter().filter(|a| a.kind == cite.kind);
        if let Some(exact) = same_kind().find(|a| a.path == cite.path) {
            return Some(exact);
        }
        let ancestor = same_kind()
            .filter(|a| a.path.len() < cite.path.len() && cite.path.starts_with(&a.path))
            .max_by_key(|a| a.path.len());
        if ancestor.is_some() {
            return ancestor;
        }
        same_kind()
            .filter(|a| a.path.starts_with(&cite.path))
            .max_by_key(|a| a.status.basis())
    }

    #[test]
    fn the_index_finds_what_searching_found() {
        let path = |p: &str| -> Vec<String> {
            p.split('.')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let statuses = [
            ArticleStatus::Quoted,
            ArticleStatus::Paraphrase,
            ArticleStatus::Practice,
            ArticleStatus::NotEncoded,
        ];
        let declared = [
            "", "1", "1.2", "1.2.3", "2.1", "2.2", "2.1", "3", "3.1.1", "1.2",
        ];
        let mut articles = Vec::new();
        for (i, p) in declared.iter().enumerate() {
            for kind in ["article", "section"] {
                articles.push(Article {
                    kind: kind.to_string(),
                    path: path(p),
                    title: None,
                    text: None,
                    from: Vec::new(),
                    status: statuses[(i * 7 + kind.len()) % 4],
                    status_note: Some(format!("{kind} {i}")),
                    span: Span::default(),
                });
            }
        }
        let index = ArticleIndex::default();
        for kind in ["article", "section", "chapter"] {
            for p in [
                "", "1", "1.2", "1.2.3", "1.2.3.4", "2", "2.1", "2.3", "3", "3.1", "4",
            ] {
                let cite = Cite {
                    text: String::new(),
                    kind: kind.to_string(),
                    path: path(p),
                    unverified: None,
                    span: Span::default(),
                };
                let found = article_for(&articles, &index, &cite).map(|a| &a.status_note);
                let expected = searched(&articles, &cite).map(|a| &a.status_note);
                assert_eq!(found, expected, "{kind} {p}");
            }
        }
    }

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    /// The basis of each finding of `code`, in output order.
    fn bases(text: &str, code: &str) -> Vec<Basis> {
        checked(text, &[])
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .filter_map(|d| d.basis())
            .collect()
    }

    #[test]
    fn a_finding_takes_the_status_of_the_article_it_cites() {
        let quoted = format!("{HEAD}article 6 says \"decisions by consensus\"\nbody c {{ decides d by consensus article 6 }}");
        assert_eq!(bases(&quoted, "single-party-veto"), [Basis::Text]);
        let paraphrase = format!("{HEAD}article 6 titled \"Conference\" unverified \"from memory\"\nbody c {{ decides d by consensus article 6 }}");
        assert_eq!(bases(&paraphrase, "single-party-veto"), [Basis::Unverified]);
        let practice = format!("{HEAD}section council titled \"Council practice\" practice \"consensus is practice, not text\"\nbody c {{ decides d by consensus section council }}");
        assert_eq!(bases(&practice, "single-party-veto"), [Basis::Practice]);
    }

    #[test]
    fn a_paragraph_takes_its_article_and_an_article_its_weakest_paragraph() {
        let text = format!("{HEAD}article 6 titled \"Conference\" unverified \"from memory\"\narticle 7.3 says \"consensus\"\narticle 7.4 titled \"x\" unverified \"from memory\"\nbody c {{ decides d by consensus article 6.2\ndecides e by consensus article 7 }}");
        assert_eq!(
            bases(&text, "single-party-veto"),
            [Basis::Unverified, Basis::Unverified]
        );
    }

    #[test]
    fn a_clause_can_mark_its_own_sentence_unverified() {
        let parties: String = (0..10)
            .map(|i| format!("party P{i} \"State {i}\"\n"))
            .collect();
        let text = format!("{parties}parties all parties\narticle 8 says \"the Conference shall be effective if four fifths attend\"\nbody c {{ quorum at least four fifths of members article 8\ndecides d by unanimity of members present unverified \"the voting rule was not read\" article 8 }}");
        assert_eq!(bases(&text, "quorum-boycott"), [Basis::Text]);
        assert_eq!(bases(&text, "single-party-veto"), [Basis::Unverified]);
        let report = checked(&text, &[]);
        let veto = report
            .diagnostics
            .iter()
            .find(|d| d.code == "single-party-veto")
            .and_then(|d| d.grounds.as_ref())
            .map(|g| g.caveats(true));
        assert_eq!(
            veto,
            Some(vec![
                "article 8: known only from a paraphrase — the voting rule was not read"
                    .to_string()
            ])
        );
    }

    #[test]
    fn silence_in_a_partial_encoding_is_not_silence_in_the_treaty() {
        let body = "article 6 says \"decisions by consensus\"\nbody c { decides d by consensus article 6 }";
        let whole = format!("{HEAD}{body}");
        assert_eq!(bases(&whole, "no-deadlock-fallback"), [Basis::Text]);
        let not_encoded = format!("{HEAD}{body}\narticle 9 not encoded \"no readable copy\"");
        assert_eq!(
            bases(&not_encoded, "no-deadlock-fallback"),
            [Basis::Incomplete]
        );
        // What the clause does say stays on its text.
        assert_eq!(bases(&not_encoded, "single-party-veto"), [Basis::Text]);
        let partial = format!(
            "treaty \"T\" {{\n encoding partial \"only Art. 6 was read\"\n}}\n{HEAD}{body}"
        );
        assert_eq!(bases(&partial, "no-deadlock-fallback"), [Basis::Incomplete]);
        let report = checked(&partial, &[]);
        let note = report
            .diagnostics
            .iter()
            .find(|d| d.code == "no-deadlock-fallback")
            .and_then(|d| d.grounds.as_ref())
            .and_then(|g| g.note());
        assert_eq!(
            note.as_deref(),
            Some("rests on an incomplete encoding (the encoding is partial: only Art. 6 was read)")
        );
    }

    #[test]
    fn an_article_not_encoded_is_not_confused_with_a_citation() {
        // `article 9 not encoded` starts a declaration even right after a clause's citation.
        let text = format!("{HEAD}article 6 says \"x\"\nbody c {{ decides d by consensus article 6 }}\narticle 9 not encoded \"no copy\"\narticle 10 not encoded \"no copy\" from \"nowhere\"");
        let report = checked(&text, &[]);
        let treaty = &report.treaties[0];
        assert_eq!(
            treaty.incomplete_encoding().as_deref(),
            Some("the encoding is partial: article 9 and article 10 are not encoded")
        );
    }
}
