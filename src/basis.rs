//! What a finding rests on. A legal adviser must know, for every finding, whether it follows
//! from treaty text that was read and quoted, from a paraphrase, from the parties' practice, or
//! from an encoding that leaves part of the instrument out: a finding is only as strong as the
//! weakest article it rests on.
//!
//! The Model records each article's [`ArticleStatus`] once, at resolve time; the lints record
//! which articles a finding rests on ([`Ground`]s); rendering shows the weakest [`Basis`].

use serde::Serialize;

/// How an article's content came into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleStatus {
    /// Its text is quoted from a cited source (`says` with no `unverified`).
    Quoted,
    /// Known only from a paraphrase or from memory (`unverified "why"`).
    Paraphrase,
    /// The rule is the parties' practice, not treaty text (`practice "why"`).
    Practice,
    /// The article exists, but its content is not in the file (`not encoded "why"`).
    NotEncoded,
}

impl ArticleStatus {
    /// What a finding resting on such an article rests on.
    pub fn basis(self) -> Basis {
        match self {
            ArticleStatus::Quoted => Basis::Text,
            ArticleStatus::Paraphrase => Basis::Unverified,
            ArticleStatus::Practice => Basis::Practice,
            ArticleStatus::NotEncoded => Basis::Incomplete,
        }
    }
}

/// What a finding rests on, from strongest to weakest; a finding takes the weakest of its
/// grounds. The JSON names (contract) are `text`, `practice`, `unverified`, `incomplete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Treaty text quoted from a cited source.
    Text,
    /// The parties' practice, not treaty text.
    Practice,
    /// Text known only from a paraphrase.
    Unverified,
    /// A finding about what the treaty does not say, in an encoding that leaves part of the
    /// treaty out (or an article that was not encoded).
    Incomplete,
}

impl Basis {
    pub const ALL: [Basis; 4] = [
        Basis::Text,
        Basis::Practice,
        Basis::Unverified,
        Basis::Incomplete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Text => "text",
            Basis::Practice => "practice",
            Basis::Unverified => "unverified",
            Basis::Incomplete => "incomplete",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// How a note describes a finding resting on this basis.
    pub fn phrase(self) -> &'static str {
        match self {
            Basis::Text => "quoted treaty text",
            Basis::Practice => "practice, not treaty text",
            Basis::Unverified => "unverified text",
            Basis::Incomplete => "an incomplete encoding",
        }
    }
}

/// One article a finding rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ground {
    /// As cited: `article 8`.
    pub citation: String,
    pub basis: Basis,
    /// Why it is weaker than quoted text, as the file says.
    pub why: Option<String>,
    /// The instrument, when it is not the checked file itself (a baseline).
    pub instrument: Option<String>,
}

impl Ground {
    /// `article 8: known only from a paraphrase`, and the file's reason when `why`.
    pub fn describe(&self, why: bool) -> String {
        let what = match self.basis {
            Basis::Text => "quoted",
            Basis::Practice => "practice, not text",
            Basis::Unverified => "known only from a paraphrase",
            Basis::Incomplete => "not encoded",
        };
        let mut out = match &self.instrument {
            Some(title) => format!("{}, {}: {what}", title, self.citation),
            None => format!("{}: {what}", self.citation),
        };
        if let (true, Some(reason)) = (why, &self.why) {
            out.push_str(" — ");
            out.push_str(reason);
        }
        out
    }
}

/// What the JSON and SARIF outputs carry of a finding's grounds (contract):
/// `{"status": "unverified", "articles": ["article 8"], "caveats": ["article 8: ..."]}`.
#[derive(Debug, Clone, Serialize)]
pub struct BasisReport {
    pub status: Basis,
    /// Every article the finding rests on, as cited (a baseline's prefixed by its title).
    pub articles: Vec<String>,
    /// Why each weaker ground is weaker, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
}

/// Everything one finding rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grounds {
    pub articles: Vec<Ground>,
    /// Set on a finding about what the treaty does not say, when the encoding leaves part
    /// of the treaty out: why silence here is not silence in the treaty.
    pub incomplete: Option<String>,
}

impl Grounds {
    /// The weakest of the grounds; quoted text when a finding cites nothing weaker.
    pub fn basis(&self) -> Basis {
        let articles = self.articles.iter().map(|g| g.basis);
        let incomplete = self.incomplete.as_ref().map(|_| Basis::Incomplete);
        articles.chain(incomplete).max().unwrap_or(Basis::Text)
    }

    /// Adds a ground unless the same article of the same instrument is there already.
    pub fn add(&mut self, ground: Ground) {
        if !self
            .articles
            .iter()
            .any(|g| g.citation == ground.citation && g.instrument == ground.instrument)
        {
            self.articles.push(ground);
        }
    }

    /// The grounds weaker than quoted text, each described (with the file's reasons when
    /// `why`).
    pub fn caveats(&self, why: bool) -> Vec<String> {
        let mut out: Vec<String> = self
            .articles
            .iter()
            .filter(|g| g.basis != Basis::Text)
            .map(|g| g.describe(why))
            .collect();
        if let Some(why) = &self.incomplete {
            out.push(why.clone());
        }
        out
    }

    /// The form the JSON and SARIF outputs carry.
    pub fn report(&self) -> BasisReport {
        BasisReport {
            status: self.basis(),
            articles: self
                .articles
                .iter()
                .map(|g| match &g.instrument {
                    Some(title) => format!("{title}, {}", g.citation),
                    None => g.citation.clone(),
                })
                .collect(),
            caveats: self.caveats(true),
        }
    }

    /// `rests on unverified text (article 8: known only from a paraphrase — ...)`, or
    /// nothing for a finding on quoted text.
    pub fn note(&self) -> Option<String> {
        let basis = self.basis();
        if basis == Basis::Text {
            return None;
        }
        Some(format!(
            "rests on {} ({})",
            basis.phrase(),
            self.caveats(false).join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ground(citation: &str, basis: Basis) -> Ground {
        Ground {
            citation: citation.into(),
            basis,
            why: None,
            instrument: None,
        }
    }

    #[test]
    fn the_weakest_ground_decides() {
        let mut g = Grounds::default();
        assert_eq!(g.basis(), Basis::Text);
        assert_eq!(g.note(), None);
        g.add(ground("article 6.3", Basis::Text));
        assert_eq!(g.basis(), Basis::Text);
        g.add(ground("section practice", Basis::Practice));
        assert_eq!(g.basis(), Basis::Practice);
        g.add(ground("article 8", Basis::Unverified));
        g.add(ground("article 8", Basis::Unverified));
        assert_eq!(g.articles.len(), 3);
        assert_eq!(g.basis(), Basis::Unverified);
        assert_eq!(
            g.note().as_deref(),
            Some("rests on unverified text (section practice: practice, not text; article 8: known only from a paraphrase)")
        );
        g.incomplete = Some("articles 9 and 10 are not encoded".into());
        assert_eq!(g.basis(), Basis::Incomplete);
    }

    #[test]
    fn names_round_trip() {
        for b in Basis::ALL {
            assert_eq!(Basis::parse(b.as_str()), Some(b));
        }
        assert!(Basis::Text < Basis::Practice && Basis::Unverified < Basis::Incomplete);
    }
}
