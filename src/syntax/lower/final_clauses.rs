//! Lowering of the final clauses: entry into force and withdrawal.

use super::*;

impl Lowerer {
    pub(super) fn entry(&mut self, p: P) -> Option<EntryDecl> {
        let span = self.span(&p);
        let mut condition = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::entry_condition => {
                    let mut majority = false;
                    let mut on_signature = false;
                    let mut count = Amount::Number(0);
                    let mut including = Vec::new();
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::majority_of_signatories => majority = true,
                            Rule::on_signature => on_signature = true,
                            Rule::int | Rule::placeholder => count = self.amount(&f),
                            Rule::ref_list => including = self.ref_list(f),
                            _ => {}
                        }
                    }
                    condition = Some(if on_signature {
                        EntryCondition::OnSignature
                    } else if majority {
                        EntryCondition::MajorityOfSignatories { including }
                    } else {
                        EntryCondition::Ratifications { count, including }
                    });
                }
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(EntryDecl {
            condition: condition?,
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
