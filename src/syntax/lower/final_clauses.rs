//! Lowering of the final clauses: entry into force and withdrawal.

use super::*;

impl Lowerer {
    pub(super) fn entry(&mut self, p: P) -> Option<EntryDecl> {
        let span = self.span(&p);
        let mut condition = None;
        let mut delay = None;
        let mut not_before = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::entry_delay => {
                    delay = c.into_inner().next().map(|d| self.duration(d));
                }
                Rule::entry_floor => {
                    not_before = c.into_inner().next().map(|d| self.duration(d));
                }
                Rule::entry_condition => {
                    let mut majority = false;
                    let mut on_signature = false;
                    let mut count = Amount::Number(0);
                    let mut including = Vec::new();
                    let mut ratification = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::majority_of_signatories => majority = true,
                            Rule::on_signature => on_signature = true,
                            Rule::int | Rule::placeholder => count = self.amount(&f),
                            Rule::including_list => including = self.including(f),
                            Rule::ratification_rule => ratification = self.ratification(f),
                            _ => {}
                        }
                    }
                    condition = Some(if on_signature {
                        EntryCondition::OnSignature
                    } else if majority {
                        EntryCondition::MajorityOfSignatories { including }
                    } else if let Some(r) = ratification {
                        EntryCondition::Ratification(r)
                    } else {
                        EntryCondition::Ratifications { count, including }
                    });
                }
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(EntryDecl {
            delay,
            condition: condition?,
            not_before,
            citation,
            span,
        })
    }

    /// `including A, B`
    fn including(&self, p: P) -> Vec<Ident> {
        p.into_inner()
            .next()
            .map(|list| self.ref_list(list))
            .unwrap_or_default()
    }

    /// `ratification by RULE including A, B`
    fn ratification(&mut self, p: P) -> Option<RatificationRule> {
        let span = self.span(&p);
        let mut rule = None;
        let mut including = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::rule_expr => rule = self.rule_expr(c),
                Rule::including_list => including = self.including(c),
                _ => {}
            }
        }
        Some(RatificationRule {
            rule: rule?,
            including,
            span,
        })
    }

    pub(super) fn amendment(&mut self, p: P) -> Option<AmendmentDecl> {
        let span = self.span(&p);
        let mut rule = None;
        let mut by_ratification = false;
        let mut including = Vec::new();
        let mut modifiers = Vec::new();
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::rule_expr => rule = self.rule_expr(c),
                Rule::ratification_rule => {
                    by_ratification = true;
                    if let Some(r) = self.ratification(c) {
                        rule = Some(r.rule);
                        including = r.including;
                    }
                }
                Rule::citation => citation = Some(self.citation(c)),
                _ => modifiers.extend(self.modifier(c)),
            }
        }
        Some(AmendmentDecl {
            rule: rule?,
            by_ratification,
            including,
            modifiers,
            citation,
            span,
        })
    }

    pub(super) fn withdrawal(&mut self, p: P) -> WithdrawalDecl {
        let span = self.span(&p);
        let mut w = WithdrawalDecl {
            citation: None,
            by: Vec::new(),
            notice: None,
            conditions: Vec::new(),
            after_in_force: None,
            notice_to: Vec::new(),
            reasons_required: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::citation => w.citation = Some(self.citation(c)),
                Rule::by_field => w.by.extend(self.actor_field(c)),
                Rule::when_field => w.conditions.extend(self.condition(c)),
                Rule::reasons_field => {
                    let mut required = true;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::reasons_not_required => required = false,
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    w.reasons_required = Some((required, citation));
                }
                Rule::notice_field | Rule::in_force_field => {
                    let is_notice = c.as_rule() == Rule::notice_field;
                    let mut duration = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::duration => duration = Some(self.duration(f)),
                            Rule::citation => citation = Some(self.citation(f)),
                            Rule::notice_to => {
                                if let Some(list) = f.into_inner().next() {
                                    w.notice_to = self.actor_list(list);
                                }
                            }
                            _ => {}
                        }
                    }
                    if let Some(d) = duration {
                        if is_notice {
                            w.notice = Some((d, citation));
                        } else {
                            w.after_in_force = Some((d, citation));
                        }
                    }
                }
                _ => {}
            }
        }
        w
    }
}
