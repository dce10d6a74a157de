//! Final clauses: entry into force, withdrawal and amendment. An amendment rule and an
//! entry-into-force condition are decisions of the States concerned: each becomes a decision
//! of a body the treaty does not declare ([`Body::final_clause`]), so that the lints and the
//! analysis read them as they read a declared body's decisions.

use super::*;
use crate::model::FinalClause;

impl Resolver {
    /// The States whose ratifications bring the treaty into force: its signatories where the
    /// file names them, else its parties.
    fn ratifying_states(&mut self) -> Vec<PartyId> {
        self.sort_treaty_parties();
        if self.treaty.signatories.is_empty() {
            self.treaty.treaty_parties.clone()
        } else {
            self.treaty.signatories.clone()
        }
    }

    /// `including A, B`: the named States whose ratification is required, each once, and the
    /// names as written for messages.
    fn required(&mut self, names: &[ast::Ident]) -> (Vec<PartyId>, String) {
        // In the order written, each once (messages name them so).
        let mut ids: Vec<PartyId> = Vec::new();
        for id in names.iter().flat_map(|n| self.parties_named(n)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let shown: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
        (ids, shown.join(", "))
    }

    /// `rule` with the named States' ratification required as well.
    fn with_required(rule: VotingRule, holders: Vec<PartyId>, name: String) -> VotingRule {
        if holders.is_empty() {
            return rule;
        }
        let mut holders = holders;
        // A veto's holders are looked up by binary search.
        holders.sort_unstable();
        let veto = VotingRule::Veto {
            holders,
            name,
            ratification: true,
        };
        match rule {
            VotingRule::All(mut parts) if !parts.is_empty() => {
                parts.push(veto);
                VotingRule::All(parts)
            }
            other => VotingRule::All(vec![other, veto]),
        }
    }

    /// A final clause read as a decision of the States it binds: a matter of its own, not
    /// binding on anyone, with no fallback; each State's part an act unless `abstention`
    /// says otherwise.
    fn final_decision(
        kind: &str,
        description: &str,
        rule: VotingRule,
        rule_span: Span,
        abstention: Abstention,
        citation: Option<Cite>,
        span: Span,
    ) -> DecisionRule {
        DecisionRule {
            description: Some(description.into()),
            ..DecisionRule::plain(kind, rule, abstention, citation, rule_span, span)
        }
    }

    pub(super) fn entry(&mut self, e: &ast::EntryDecl) {
        let states = self.ratifying_states();
        let mut rule = None;
        let (condition, rule_span) = match &e.condition {
            ast::EntryCondition::Ratifications { count, including } => {
                let (required, name) = self.required(including);
                if let ast::Amount::Number(n) = count {
                    let count = VotingRule::Count {
                        comparison: Comparison::AtLeast,
                        count: *n,
                    };
                    rule = Some(Self::with_required(count, required.clone(), name));
                }
                (
                    EntryCondition::Ratifications {
                        count: amount(count),
                        including: required,
                    },
                    e.span,
                )
            }
            ast::EntryCondition::MajorityOfSignatories { including } => {
                let (required, name) = self.required(including);
                let majority = VotingRule::Share {
                    comparison: Comparison::MoreThan,
                    ratio: Ratio::HALF,
                    measure: Measure::Heads,
                    base: Base::Members,
                };
                rule = Some(Self::with_required(majority, required.clone(), name));
                (
                    EntryCondition::MajorityOfSignatories {
                        including: required,
                    },
                    e.span,
                )
            }
            ast::EntryCondition::Ratification(r) => {
                let (required, name) = self.required(&r.including);
                let base = self.rule(&r.rule, &states);
                // No case binds a role when States ratify.
                self.subset_exclusions.clear();
                rule = Some(Self::with_required(base, required.clone(), name));
                (EntryCondition::Ratification { required }, r.span)
            }
            ast::EntryCondition::OnSignature => (EntryCondition::OnSignature, e.span),
        };
        let citation = self.cite(&e.citation);
        let index = self.treaty.entry_into_force.len();
        if let Some(rule) = rule {
            // Ratification is an act: a State that does not ratify counts against.
            let decision = Self::final_decision(
                "entry_into_force",
                "the treaty's entry into force",
                rule,
                rule_span,
                Abstention::Blocks,
                citation.clone(),
                e.span,
            );
            self.final_decisions
                .push((FinalClause::EntryIntoForce, index, decision));
        }
        self.treaty.entry_into_force.push(EntryIntoForce {
            condition,
            delay: e.delay.as_ref().map(duration),
            not_before: e.not_before.as_ref().map(duration),
            decision: None,
            citation,
            span: e.span,
        });
    }

    /// `accession open to "..." decided by BODY | all parties`. Accession by every Party's
    /// consent is a decision of the Parties by unanimity, each consent an act.
    pub(super) fn accession(&mut self, a: &ast::AccessionDecl) {
        let body = a.decided_by.as_ref().and_then(|b| self.body_named(b));
        let cite = self.cite(&a.citation);
        if a.by_all_parties {
            let index = self.treaty.accession.len();
            self.final_decisions.push((
                FinalClause::Accession,
                index,
                Self::final_decision(
                    "accession",
                    "the admission of a State that applies to accede",
                    VotingRule::Unanimity(Base::Members),
                    a.span,
                    Abstention::Blocks,
                    cite.clone(),
                    a.span,
                ),
            ));
        }
        self.treaty
            .accession
            .push((a.open_to.value.clone(), body, cite));
    }

    pub(super) fn amendment(&mut self, a: &ast::AmendmentDecl) {
        self.sort_treaty_parties();
        let members = self.treaty.treaty_parties.clone();
        let base = self.rule(&a.rule, &members);
        let left_out = std::mem::take(&mut self.subset_exclusions);
        let (required, name) = self.required(&a.including);
        let rule = Self::with_required(base, required.clone(), name);
        let Modifiers {
            mut excluded,
            abstention,
            ..
        } = self.modifiers(&a.modifiers);
        for role in left_out {
            if !excluded.contains(&role) {
                excluded.push(role);
            }
        }
        let consent = if a.by_ratification {
            Consent::PositiveAct
        } else {
            Consent::NoObjection
        };
        // Ratification is an act: a State that does not ratify counts against, unless the
        // clause says how abstention counts.
        let abstention = match (consent, abstention) {
            (Consent::PositiveAct, Abstention::RuleDefault) => Abstention::Blocks,
            (_, other) => other,
        };
        let citation = self.cite(&a.citation);
        let index = self.treaty.amendments.len();
        self.final_decisions.push((
            FinalClause::Amendment,
            index,
            DecisionRule {
                excluded: excluded.clone(),
                ..Self::final_decision(
                    "amendment",
                    "amendments",
                    rule.clone(),
                    a.rule.span(),
                    abstention,
                    citation.clone(),
                    a.span,
                )
            },
        ));
        self.treaty.amendments.push(Amendment {
            rule,
            rule_span: a.rule.span(),
            excluded,
            abstention,
            consent,
            required,
            decision: None,
            citation,
            span: a.span,
        });
    }

    /// The bodies standing for the final clauses' decisions, after every declared body (so
    /// that declared bodies keep their ids), and each clause pointed at its decision.
    pub(super) fn final_clause_bodies(&mut self) {
        let pending = std::mem::take(&mut self.final_decisions);
        for clause in [
            FinalClause::Amendment,
            FinalClause::EntryIntoForce,
            FinalClause::Accession,
        ] {
            let decisions: Vec<(usize, DecisionRule)> = pending
                .iter()
                .filter(|(c, _, _)| *c == clause)
                .map(|(_, i, d)| (*i, d.clone()))
                .collect();
            let Some((_, first)) = decisions.first() else {
                continue;
            };
            let members = match clause {
                FinalClause::Amendment | FinalClause::Accession => {
                    self.treaty.treaty_parties.clone()
                }
                FinalClause::EntryIntoForce => self.ratifying_states(),
            };
            if members.is_empty() {
                continue;
            }
            let id = BodyId(index(self.treaty.bodies.len()));
            let title = match clause {
                FinalClause::Amendment => "Parties deciding on amendments",
                FinalClause::Accession => "Parties deciding on accession",
                FinalClause::EntryIntoForce if self.treaty.signatories.is_empty() => {
                    "States ratifying the treaty"
                }
                FinalClause::EntryIntoForce => "signatories ratifying the treaty",
            };
            let body = Body {
                id: clause.body_id().to_string(),
                title: Some(title.to_string()),
                citation: first.citation.clone(),
                members,
                convening: Vec::new(),
                quorum: None,
                decisions: Vec::new(),
                final_clause: Some(clause),
                span: first.span,
            };
            self.treaty.bodies.push(body);
            for (k, (i, d)) in decisions.into_iter().enumerate() {
                let at = Some((id, index(k)));
                match clause {
                    FinalClause::Amendment => {
                        if let Some(a) = self.treaty.amendments.get_mut(i) {
                            a.decision = at;
                        }
                    }
                    FinalClause::EntryIntoForce => {
                        if let Some(e) = self.treaty.entry_into_force.get_mut(i) {
                            e.decision = at;
                        }
                    }
                    // The States already parties decide an application, as a body would.
                    FinalClause::Accession => {
                        if let Some(a) = self.treaty.accession.get_mut(i) {
                            a.1 = Some(id);
                        }
                    }
                }
                if let Some(b) = self.treaty.bodies.last_mut() {
                    b.decisions.push(d);
                }
            }
        }
    }
}
