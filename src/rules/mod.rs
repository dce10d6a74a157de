//! The lint catalogue. One file per rule: its code, default severity, documentation and
//! tests side by side. Rules read the Model only.
//!
//! A rule's documentation is its doc comment, captured by `declare_rule!` so that
//! `treaty explain` and `treaty rules` print exactly what the source says.

use crate::basis::{Ground, Grounds};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cite, Treaty};
use crate::source::Span;

/// A lint: what `treaty explain` shows and the function that finds it.
#[derive(Debug)]
pub struct LintRule {
    /// Stable kebab-case code (contract).
    pub code: &'static str,
    /// What its findings are unless `treaty.toml` says otherwise.
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The full documentation, Markdown.
    pub doc: &'static str,
    /// Whether its findings are about what the treaty does not say: where the file encodes
    /// only part of the treaty, such a finding rests on an incomplete encoding.
    pub absence: bool,
    /// What its fix does, when its findings carry one (for the rule's page).
    pub fix: Option<&'static str>,
    /// Reads the Model and records findings.
    pub check: fn(&Treaty, &mut Findings),
}

impl LintRule {
    /// The documentation without the one-space indent doc comments carry.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }
}

/// Declares a lint, keeping its doc comment as its documentation.
macro_rules! declare_rule {
    (@optional) => { None };
    (@optional $value:literal) => { Some($value) };
    (
        $(#[doc = $doc:literal])*
        pub static $name:ident = {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            $(absence: $absence:literal,)?
            $(fix: $fix:literal,)?
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::rules::LintRule = $crate::rules::LintRule {
            code: $code,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            absence: false $(|| $absence)?,
            fix: declare_rule!(@optional $($fix)?),
            check: $check,
        };
    };
}

mod asymmetric_obligation;
mod binding_without_enforcement;
mod conflicting_instrument;
mod entry_into_force;
mod interested_party_votes;
mod invalid_suppression;
mod missing_verification;
mod no_adjudicator;
mod no_binding_settlement;
mod no_deadlock_fallback;
mod no_decision_deadline;
mod no_executor;
mod obligation_on_non_party;
mod omitted_baseline_principle;
mod open_ended_condition;
mod overlapping_rules;
mod placeholder;
mod quorum_boycott;
mod selective_principle;
mod self_judging_trigger;
mod self_judging_withdrawal;
mod single_party_veto;
mod threshold_splitting;
mod undefined_term;
mod undetermined_fact;
mod unused_suppression;
mod vague_standard;
mod weak_guarantee;

// For the rule files (`use super::and_list`); the rest of the crate reads `crate::wording`.
use crate::wording::{and_list, and_list_capped, by_number, counted, each_of, number_word};

/// Every rule, sorted by code.
pub static ALL: &[&LintRule] = &[
    &asymmetric_obligation::ASYMMETRIC_OBLIGATION,
    &binding_without_enforcement::BINDING_WITHOUT_ENFORCEMENT,
    &conflicting_instrument::CONFLICTING_INSTRUMENT,
    &entry_into_force::ENTRY_INTO_FORCE,
    &interested_party_votes::INTERESTED_PARTY_VOTES,
    &invalid_suppression::INVALID_SUPPRESSION,
    &missing_verification::MISSING_VERIFICATION,
    &no_adjudicator::NO_ADJUDICATOR,
    &no_binding_settlement::NO_BINDING_SETTLEMENT,
    &no_deadlock_fallback::NO_DEADLOCK_FALLBACK,
    &no_decision_deadline::NO_DECISION_DEADLINE,
    &no_executor::NO_EXECUTOR,
    &obligation_on_non_party::OBLIGATION_ON_NON_PARTY,
    &omitted_baseline_principle::OMITTED_BASELINE_PRINCIPLE,
    &open_ended_condition::OPEN_ENDED_CONDITION,
    &overlapping_rules::OVERLAPPING_RULES,
    &placeholder::PLACEHOLDER,
    &quorum_boycott::QUORUM_BOYCOTT,
    &selective_principle::SELECTIVE_PRINCIPLE,
    &self_judging_trigger::SELF_JUDGING_TRIGGER,
    &self_judging_withdrawal::SELF_JUDGING_WITHDRAWAL,
    &single_party_veto::SINGLE_PARTY_VETO,
    &threshold_splitting::THRESHOLD_SPLITTING,
    &undefined_term::UNDEFINED_TERM,
    &undetermined_fact::UNDETERMINED_FACT,
    &unused_suppression::UNUSED_SUPPRESSION,
    &vague_standard::VAGUE_STANDARD,
    &weak_guarantee::WEAK_GUARANTEE,
];

pub fn find(code: &str) -> Option<&'static LintRule> {
    ALL.iter().copied().find(|r| r.code == code)
}

/// Which rules' findings to report: `--select` keeps only the listed rules, `--ignore`
/// drops the listed ones. Errors in the input are always reported.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// The first code that names no rule, if any.
    pub fn unknown_code(&self) -> Option<&str> {
        self.select
            .iter()
            .chain(&self.ignore)
            .map(String::as_str)
            .find(|c| find(c).is_none())
    }

    pub fn keeps(&self, code: &str) -> bool {
        if find(code).is_none() {
            return true;
        }
        (self.select.is_empty() || self.select.iter().any(|s| s == code))
            && !self.ignore.iter().any(|s| s == code)
    }
}

/// What the rules found in one treaty.
pub struct Findings<'t> {
    rule: &'static LintRule,
    treaty: &'t Treaty,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    /// Starts a finding of the current rule at `span`, citing `citation`: the finding rests
    /// on that article (add further ones with [`Findings::rests_on`]).
    pub fn report(
        &mut self,
        span: Span,
        citation: Option<&Cite>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut grounds = Grounds::default();
        if let Some(c) = citation {
            grounds.add(self.treaty.ground(c));
        }
        let mut diag = Diagnostic::new(self.rule, self.rule.severity, span, message)
            .with_citation(citation.map(|c| c.text.clone()));
        diag.grounds = Some(grounds);
        self.out.push(diag);
        let last = self.out.len() - 1;
        #[allow(clippy::indexing_slicing)] // just pushed, so the index exists
        &mut self.out[last]
    }

    /// The finding last reported also rests on this ground (another article of the treaty,
    /// from [`Treaty::ground`], or of a baseline, from [`Treaty::baseline_ground`]).
    pub fn rests_on(&mut self, ground: Ground) {
        if let Some(grounds) = self.out.last_mut().and_then(|d| d.grounds.as_mut()) {
            grounds.add(ground);
        }
    }
}

/// Runs every rule on a treaty, then applies its `# treaty: allow(code)` comments.
pub fn run(treaty: &Treaty) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for rule in ALL {
        all.extend(run_one(rule, treaty));
    }
    unused_suppression::apply(treaty, &mut all);
    all
}

fn run_one(rule: &'static LintRule, treaty: &Treaty) -> Vec<Diagnostic> {
    let mut findings = Findings {
        rule,
        treaty,
        out: Vec::new(),
    };
    (rule.check)(treaty, &mut findings);
    // What a partial encoding does not say, the treaty may still say.
    if rule.absence {
        if let Some(why) = treaty.incomplete_encoding() {
            for d in &mut findings.out {
                if let Some(g) = d.grounds.as_mut() {
                    g.incomplete = Some(why.clone());
                }
            }
        }
    }
    findings.out
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one rule on a fixture and returns its findings' messages.
    use super::LintRule;

    /// The findings of `rule` on `text` (checked as `t/draft.treaty`, with `extra` files
    /// beside it); panics if the file itself has errors, so fixtures stay valid.
    pub fn findings(
        rule: &'static LintRule,
        text: &str,
        extra: &[(&str, &str)],
    ) -> Vec<crate::diagnostic::Diagnostic> {
        crate::testing::checked(text, extra)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == rule.code)
            .collect()
    }

    /// `text` with the first fix of each finding of `rule` applied, checking that each is
    /// of the given applicability.
    pub fn fixed(
        rule: &'static LintRule,
        text: &str,
        applicability: crate::fix::Applicability,
    ) -> String {
        let found = findings(rule, text, &[]);
        assert!(!found.is_empty(), "no finding of {} to fix", rule.code);
        let edits: Vec<&crate::fix::Edit> = found
            .iter()
            .filter_map(|d| d.fixes.first())
            .inspect(|f| assert_eq!(f.applicability, applicability))
            .flat_map(|f| &f.edits)
            .collect();
        crate::fix::apply(text, &edits).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_sorted_unique_and_documented() {
        let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
        for rule in ALL {
            let doc = rule.documentation();
            for section in [
                "## What it finds",
                "## Why it matters",
                "## Example",
                "## Better",
            ] {
                assert!(doc.contains(section), "{} lacks {section}", rule.code);
            }
            assert!(doc.contains("```treaty"), "{} has no example", rule.code);
        }
    }
}
