//! Norms and procedures, with their conditions, standards and deadlines.

use super::*;

impl Resolver {
    pub(super) fn condition(&mut self, c: &ast::Condition) -> Condition {
        Condition {
            text: c.text.value.clone(),
            judged_by: c.judged_by.as_ref().and_then(|a| self.actor(a)),
            reviewed_by: c.reviewed_by.as_ref().and_then(|a| self.actor(a)),
            citation: self.cite(&c.citation),
            span: c.span,
        }
    }

    pub(super) fn standard(&mut self, s: &ast::StandardField) -> Standard {
        Standard {
            term: s.term.value.clone(),
            defined_as: s.defined_as.as_ref().map(|t| t.value.clone()),
            judged_by: s.judged_by.as_ref().and_then(|a| self.actor(a)),
            citation: self.cite(&s.citation),
            span: s.span,
        }
    }

    pub(super) fn deadline(&mut self, d: &ast::DeadlineField) -> Deadline {
        Deadline {
            what: d.what.as_ref().map(|t| t.value.clone()),
            within: duration(&d.within),
            citation: self.cite(&d.citation),
            span: d.span,
        }
    }

    pub(super) fn norm(&mut self, n: &ast::NormDecl) -> Norm {
        Norm {
            id: n.id.name.clone(),
            citation: self.cite(&n.citation),
            statements: n
                .statements
                .iter()
                .filter_map(|s| {
                    let citation = self.cite(&s.citation);
                    Some(Statement {
                        actor: self.actor(&s.actor)?,
                        deontic: s.deontic,
                        aim: s.aim.value.clone(),
                        citation,
                        span: s.span,
                    })
                })
                .collect(),
            toward: n.toward.iter().flat_map(|f| self.actors_field(f)).collect(),
            about: n.about.iter().flat_map(|f| self.actors_field(f)).collect(),
            about_others: n.about_others,
            conditions: n.conditions.iter().map(|c| self.condition(c)).collect(),
            standards: n.standards.iter().map(|s| self.standard(s)).collect(),
            deadlines: n.deadlines.iter().map(|d| self.deadline(d)).collect(),
            breach_judged_by: n
                .breach_judged_by
                .iter()
                .filter_map(|f| self.actor_field(f))
                .collect(),
            or_else: n
                .or_else
                .iter()
                .map(|o| OrElse {
                    consequence: o.consequence.value.clone(),
                    decided_by: o.decided_by.as_ref().and_then(|a| self.actor(a)),
                    citation: self.cite(&o.citation),
                    span: o.span,
                })
                .collect(),
            thresholds: n
                .thresholds
                .iter()
                .map(|t| Limit {
                    amount: amount(&t.amount),
                    unit: t.unit.value.clone(),
                    per_activity: t.per_activity,
                    citation: self.cite(&t.citation),
                    span: t.span,
                })
                .collect(),
            aggregated: n.aggregated.iter().map(|t| t.value.clone()).collect(),
            verified_by: n.verified_by.iter().map(|t| t.value.clone()).collect(),
            guarantee: n.guarantee.first().map(|g| Guarantee {
                level: g.level,
                citation: self.cite(&g.citation),
                span: g.span,
            }),
            restates: n
                .restates
                .iter()
                .map(|r| Restated {
                    what: r.what.value.clone(),
                    citation: self.cite(&r.citation),
                    span: r.span,
                })
                .collect(),
            conflicts: n
                .conflicts
                .iter()
                .map(|c| Conflict {
                    instrument: c.instrument.value.clone(),
                    article: Cite {
                        text: c.article.display(),
                        kind: c.article.kind.clone(),
                        path: c.article.path.clone(),
                        unverified: None,
                        span: c.article.span,
                    },
                    citation: self.cite(&c.citation),
                    span: c.span,
                })
                .collect(),
            span: n.id.span,
        }
    }

    pub(super) fn procedure(&mut self, p: &ast::ProcedureDecl) {
        let Some(&id) = self.procedures.get(&p.id.name) else {
            return;
        };
        // A repeated procedure was reported as a duplicate; only the first is resolved.
        if self
            .treaty
            .procedures
            .get(id as usize)
            .is_none_or(|existing| existing.span != p.id.span)
        {
            return;
        }
        let citation = self.cite(&p.citation);
        let initiated_by = p
            .initiated_by
            .iter()
            .filter_map(|f| self.actor_field(f))
            .collect();
        let conditions = p.conditions.iter().map(|c| self.condition(c)).collect();
        let participants = p
            .participants
            .iter()
            .flat_map(|f| self.actors_field(f))
            .collect();
        let open_to = p
            .open_to
            .iter()
            .filter_map(|f| self.actor_field(f))
            .collect();
        let deadlines = p.deadlines.iter().map(|d| self.deadline(d)).collect();
        let standards = p.standards.iter().map(|s| self.standard(s)).collect();
        let mut leads_to = Vec::new();
        for r in &p.leads_to {
            let cite = self.cite(&r.citation);
            if let Some(&b) = self.bodies.get(&r.target.name) {
                match &r.decision {
                    None => leads_to.push((Step::Body(b), cite)),
                    Some(kind) => {
                        if let Some(d) = self.decision_named(b, kind) {
                            leads_to.push((Step::Decision(b, d), cite));
                        }
                    }
                }
            } else if let Some(&q) = self.procedures.get(&r.target.name) {
                if let Some(kind) = &r.decision {
                    self.diags.push(
                        Diagnostic::error(
                            codes::WRONG_KIND,
                            kind.span,
                            format!(
                                "`{}` is a procedure: only a body decides `{}`",
                                r.target.name, kind.name
                            ),
                        )
                        .with_label("a procedure takes no decisions")
                        .with_help(format!(
                            "write `leads to {}` alone, or name the body that decides",
                            r.target.name
                        )),
                    );
                }
                leads_to.push((Step::Procedure(q), cite));
            } else {
                self.unknown(&r.target, "body or procedure");
            }
        }
        if let Some(slot) = self.treaty.procedures.get_mut(id as usize) {
            slot.citation = citation;
            slot.initiated_by = initiated_by;
            slot.conditions = conditions;
            slot.participants = participants;
            slot.open_to = open_to;
            slot.deadlines = deadlines;
            slot.leads_to = leads_to;
            slot.standards = standards;
        }
    }
}
