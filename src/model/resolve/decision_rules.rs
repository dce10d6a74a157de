//! Decision rules: fractions, counts and weights checked against the members they apply to.

use super::*;

impl Resolver {
    /// A fraction between zero and one, reduced; `None` (with a diagnostic) otherwise.
    pub(super) fn ratio(&mut self, f: &ast::FractionLit, comparison: Comparison) -> Option<Ratio> {
        let Some(ratio) = Ratio::new(f.numerator, f.denominator) else {
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_THRESHOLD,
                    f.span,
                    "a fraction with a zero denominator",
                )
                .with_label("divides by zero")
                .with_help("write the share as `2/3`, `55%` or `two thirds`"),
            );
            return None;
        };
        if ratio.numerator > ratio.denominator {
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_THRESHOLD,
                    f.span,
                    format!("threshold {ratio} is above one: no vote can ever reach it"),
                )
                .with_label("more than the whole")
                .with_help("a share of members or votes lies between 0 and 1, e.g. `2/3` or `55%`"),
            );
            return None;
        }
        if ratio.numerator == ratio.denominator && comparison == Comparison::MoreThan {
            self.diags.push(
                Diagnostic::error(
                    codes::IMPOSSIBLE_THRESHOLD,
                    f.span,
                    "more than the whole can never be reached",
                )
                .with_label("impossible")
                .with_help("write `unanimity`, or `at least` instead of `more than`"),
            );
            return None;
        }
        Some(ratio)
    }

    pub(super) fn count_possible(&mut self, needed: u64, members: usize, span: Span, what: &str) {
        if members > 0 && needed > members as u64 {
            self.diags.push(
                Diagnostic::error(
                    codes::IMPOSSIBLE_THRESHOLD,
                    span,
                    format!("{needed} {what}, but the body has only {members}"),
                )
                .with_label("more than there are")
                .with_help(format!(
                    "lower the number to at most {members}, or add the missing members"
                )),
            );
        }
    }

    pub(super) fn weights(&mut self, attribute: &ast::Ident, members: &[PartyId]) -> Vec<u128> {
        if !self.expand(members.len(), attribute.span) {
            return Vec::new();
        }
        let mut missing = Vec::new();
        let weights = members
            .iter()
            .map(|&p| {
                let party = self.treaty.party(p);
                match party.and_then(|x| x.numbers.get(&attribute.name)) {
                    Some(&w) => w,
                    None => {
                        missing.push(party.map_or(String::new(), |x| x.id.clone()));
                        0
                    }
                }
            })
            .collect();
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
            let more = if missing.len() > 5 {
                format!(" and {} more", missing.len() - 5)
            } else {
                String::new()
            };
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    attribute.span,
                    format!(
                        "{} member(s) have no `{}`: {}{more}",
                        missing.len(),
                        attribute.name,
                        shown.join(", ")
                    ),
                )
                .with_label("missing for some members")
                .with_help(format!(
                    "give every member `with {} N` in its `party` line",
                    attribute.name
                )),
            );
        }
        weights
    }

    pub(super) fn measure(&mut self, share: &ast::Share, members: &[PartyId]) -> (Measure, Base) {
        match share {
            ast::Share::Heads(base) => (Measure::Heads, *base),
            ast::Share::Weight { attribute, base } => (
                Measure::Weight {
                    attribute: attribute.name.clone(),
                    weights: self.weights(attribute, members),
                },
                *base,
            ),
            ast::Share::Subset { outside, of, span } => self.subset(*outside, of, *span, members),
        }
    }

    /// A share of some of the members, as a weight of one for each member counted and zero
    /// for the others: the evaluation core then takes the share among those counted, as it
    /// does for any weight. A role's holders are known only in a case: their votes are left
    /// out of the decision (as `excluding` does), which is what "the members other than the
    /// parties to the dispute" means when the rest of the rule counts everyone else.
    fn subset(
        &mut self,
        outside: bool,
        of: &ast::Actor,
        span: Span,
        members: &[PartyId],
    ) -> (Measure, Base) {
        let whole = |label: String| {
            (
                Measure::Weight {
                    attribute: label,
                    weights: vec![1; members.len()],
                },
                Base::Members,
            )
        };
        if !matches!(of.kind, ActorKind::Named(_)) {
            let role = role(&of.kind);
            if outside {
                self.subset_exclusions.push(role);
            } else {
                self.diags.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        span,
                        format!(
                            "a share can be taken of the members other than {}, not of {} alone",
                            role.phrase(),
                            role.phrase()
                        ),
                    )
                    .with_label("not a set of members")
                    .with_help("write `members other than ROLE`, or name a body or a class"),
                );
            }
            return whole(format!("members other than {}", role.phrase()));
        }
        let ActorKind::Named(name) = &of.kind else {
            return whole(String::new());
        };
        let set: Vec<PartyId> = if let Some(&b) = self.bodies.get(name) {
            // Every body's members are read before any rule.
            let set = self
                .treaty
                .body(b)
                .map(|b| b.members.clone())
                .unwrap_or_default();
            if set.is_empty() {
                self.diags.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        of.span,
                        format!("`{name}` has no members to take a share of"),
                    )
                    .with_label("no members")
                    .with_help("give the body a `members` line"),
                );
            }
            set
        } else {
            let ident = ast::Ident {
                name: name.clone(),
                span: of.span,
            };
            self.parties_named(&ident)
        };
        let weights = members
            .iter()
            .map(|m| u128::from(set.contains(m) != outside))
            .collect();
        let label = match (outside, self.bodies.contains_key(name)) {
            (true, true) => format!("members not on {name}"),
            (false, true) => format!("members on {name}"),
            (true, false) => format!("members other than {name}"),
            (false, false) => format!("members in {name}"),
        };
        (
            Measure::Weight {
                attribute: label,
                weights,
            },
            Base::Members,
        )
    }

    pub(super) fn rule(&mut self, expr: &ast::RuleExpr, members: &[PartyId]) -> VotingRule {
        match expr {
            ast::RuleExpr::Consensus(_) => VotingRule::Consensus,
            ast::RuleExpr::Unanimity(base, _) => VotingRule::Unanimity(*base),
            ast::RuleExpr::Majority(share, _) => {
                let (measure, base) = self.measure(share, members);
                VotingRule::Share {
                    comparison: Comparison::MoreThan,
                    ratio: Ratio::HALF,
                    measure,
                    base,
                }
            }
            ast::RuleExpr::Share {
                comparison,
                fraction,
                of,
                ..
            } => {
                let (measure, base) = self.measure(of, members);
                match self.ratio(fraction, *comparison) {
                    Some(ratio) => VotingRule::Share {
                        comparison: *comparison,
                        ratio,
                        measure,
                        base,
                    },
                    // Reported; stand in with unanimity so later stages still see a rule.
                    None => VotingRule::Unanimity(Base::Members),
                }
            }
            ast::RuleExpr::Count {
                comparison,
                count,
                span,
            } => {
                let needed = match comparison {
                    Comparison::AtLeast => *count,
                    Comparison::MoreThan => count.saturating_add(1),
                };
                self.count_possible(needed, members.len(), *span, "votes in favour needed");
                VotingRule::Count {
                    comparison: *comparison,
                    count: *count,
                }
            }
            ast::RuleExpr::WeightedVotes {
                comparison,
                quota,
                attribute,
                span,
            } => {
                let attribute = attribute.clone().unwrap_or(ast::Ident {
                    name: "weight".into(),
                    span: *span,
                });
                let weights = self.weights(&attribute, members);
                let total: u128 = weights.iter().fold(0u128, |a, &w| a.saturating_add(w));
                let reachable = match comparison {
                    Comparison::AtLeast => u128::from(*quota) <= total,
                    Comparison::MoreThan => u128::from(*quota) < total,
                };
                if !reachable && !members.is_empty() {
                    self.diags.push(
                        Diagnostic::error(
                            codes::IMPOSSIBLE_THRESHOLD,
                            *span,
                            format!(
                                "a quota of {quota} `{}` but the members hold {total} in all",
                                attribute.name
                            ),
                        )
                        .with_label("unreachable quota")
                        .with_help("check the quota and the members' weights"),
                    );
                }
                VotingRule::Weighted {
                    comparison: *comparison,
                    quota: u128::from(*quota),
                    attribute: attribute.name,
                    weights,
                }
            }
            ast::RuleExpr::Veto(name, _) => {
                let mut holders = self.parties_named(name);
                holders.sort_unstable();
                holders.dedup();
                // Members are sorted (see `party_set`).
                let outside: Vec<PartyId> = holders
                    .iter()
                    .copied()
                    .filter(|h| !members.is_empty() && members.binary_search(h).is_err())
                    .collect();
                if !outside.is_empty() {
                    // One finding for the clause, however large the class.
                    const NAMED: usize = 3;
                    let mut names: Vec<String> = outside
                        .iter()
                        .take(NAMED)
                        .map(|&h| {
                            let id = self.treaty.party(h).map_or("", |p| p.id.as_str());
                            format!("`{id}`")
                        })
                        .collect();
                    if outside.len() > NAMED {
                        names.push(format!("{} more", outside.len() - NAMED));
                    }
                    let message = if outside.len() == 1 {
                        format!("veto holder {} is not a member of the body", names.concat())
                    } else {
                        format!(
                            "veto holders {} are not members of the body",
                            crate::wording::and_list(&names)
                        )
                    };
                    self.diags.push(
                        Diagnostic::error(codes::INVALID_VALUE, name.span, message)
                            .with_label("not a member")
                            .with_help("a veto belongs to members; add it to `members` or name another class"),
                    );
                }
                VotingRule::Veto {
                    holders,
                    ratification: false,
                    name: name.name.clone(),
                }
            }
            ast::RuleExpr::AgainstLimit { max_against, .. } => VotingRule::AgainstLimit {
                max_against: *max_against,
            },
            // An empty conjunction: met whatever anyone votes.
            ast::RuleExpr::NoConsent(_) => VotingRule::All(Vec::new()),
            ast::RuleExpr::All(parts, _) => {
                VotingRule::All(parts.iter().map(|p| self.rule(p, members)).collect())
            }
            ast::RuleExpr::Any(parts, _) => {
                VotingRule::Any(parts.iter().map(|p| self.rule(p, members)).collect())
            }
        }
    }
}
