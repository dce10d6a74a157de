//! Lowering of norms and procedures, with their conditions, standards and deadlines.

use super::*;

impl Lowerer {
    pub(super) fn deadline(&mut self, p: P) -> Option<Duration> {
        let d = p.into_inner().find(|c| c.as_rule() == Rule::duration)?;
        Some(self.duration(d))
    }

    pub(super) fn duration(&mut self, p: P) -> Duration {
        let span = self.span(&p);
        let mut amount = Amount::Number(0);
        let mut unit = TimeUnit::Days;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::int | Rule::placeholder => amount = self.amount(&c),
                // The grammar admits only unit words, so a word it names always reads.
                Rule::time_unit => unit = TimeUnit::from_word(c.as_str()).unwrap_or(unit),
                _ => {}
            }
        }
        Duration { amount, unit, span }
    }

    pub(super) fn condition(&mut self, p: P) -> Option<Condition> {
        let span = self.span(&p);
        let mut text = None;
        let mut judged_by = None;
        let mut reviewed_by = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => text = Some(self.text(c)),
                Rule::judged => judged_by = c.into_inner().next().map(|a| self.actor(a)),
                Rule::reviewed => reviewed_by = c.into_inner().next().map(|a| self.actor(a)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(Condition {
            text: text?,
            judged_by,
            reviewed_by,
            citation,
            span,
        })
    }

    pub(super) fn standard(&mut self, p: P) -> Option<StandardField> {
        let span = self.span(&p);
        let mut strings = Vec::new();
        let mut judged_by = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => strings.push(self.text(c)),
                Rule::judged => judged_by = c.into_inner().next().map(|a| self.actor(a)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        let mut strings = strings.into_iter();
        Some(StandardField {
            term: strings.next()?,
            defined_as: strings.next(),
            judged_by,
            citation,
            span,
        })
    }

    pub(super) fn deadline_field(&mut self, p: P) -> Option<DeadlineField> {
        let span = self.span(&p);
        let mut what = None;
        let mut within = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => what = Some(self.text(c)),
                Rule::deadline => within = self.deadline(c),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(DeadlineField {
            what,
            within: within?,
            citation,
            span,
        })
    }

    pub(super) fn norm(&mut self, p: P) -> Option<NormDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let mut norm = NormDecl {
            id,
            citation: None,
            statements: Vec::new(),
            toward: Vec::new(),
            about: Vec::new(),
            about_others: false,
            conditions: Vec::new(),
            standards: Vec::new(),
            deadlines: Vec::new(),
            breach_judged_by: Vec::new(),
            or_else: Vec::new(),
            thresholds: Vec::new(),
            aggregated: Vec::new(),
            verified_by: Vec::new(),
            guarantee: Vec::new(),
            restates: Vec::new(),
            conflicts: Vec::new(),
            span,
        };
        for c in inner {
            match c.as_rule() {
                Rule::citation => norm.citation = Some(self.citation(c)),
                Rule::threshold_field => {
                    let tspan = self.span(&c);
                    let mut amount = None;
                    let mut unit = None;
                    let mut per_activity = false;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::int | Rule::placeholder => amount = Some(self.amount(&f)),
                            Rule::string => unit = Some(self.text(f)),
                            Rule::per_activity => per_activity = true,
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let (Some(amount), Some(unit)) = (amount, unit) {
                        norm.thresholds.push(ThresholdField {
                            amount,
                            unit,
                            per_activity,
                            citation,
                            span: tspan,
                        });
                    }
                }
                Rule::aggregated_field => {
                    if let Some(t) = c.into_inner().next() {
                        norm.aggregated.push(self.text(t));
                    }
                }
                Rule::verified_field => {
                    if let Some(t) = c.into_inner().next() {
                        norm.verified_by.push(self.text(t));
                    }
                }
                Rule::guarantee_field => {
                    let gspan = self.span(&c);
                    let mut level = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::guarantee_level => {
                                level = match f.into_inner().next().map(|l| l.as_rule()) {
                                    Some(Rule::entitlement) => Some(GuaranteeLevel::Entitlement),
                                    Some(Rule::undertaking) => Some(GuaranteeLevel::Undertaking),
                                    Some(Rule::means_left) => Some(GuaranteeLevel::MeansLeft),
                                    Some(Rule::automatic) => Some(GuaranteeLevel::Automatic),
                                    _ => None,
                                }
                            }
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(level) = level {
                        norm.guarantee.push(GuaranteeField {
                            level,
                            citation,
                            span: gspan,
                        });
                    }
                }
                Rule::conflicts_field => {
                    let cspan = self.span(&c);
                    let mut cites = Vec::new();
                    let mut instrument = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::citation => cites.push(self.citation(f)),
                            Rule::string => instrument = Some(self.text(f)),
                            _ => {}
                        }
                    }
                    let mut cites = cites.into_iter();
                    if let (Some(article), Some(instrument)) = (cites.next(), instrument) {
                        norm.conflicts.push(ConflictsField {
                            article,
                            instrument,
                            citation: cites.next(),
                            span: cspan,
                        });
                    }
                }
                Rule::restates_field => {
                    let rspan = self.span(&c);
                    let mut what = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::string => what = Some(self.text(f)),
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(what) = what {
                        norm.restates.push(RestatesField {
                            what,
                            citation,
                            span: rspan,
                        });
                    }
                }
                Rule::statement => norm.statements.extend(self.statement(c)),
                Rule::toward_field => norm.toward.push(self.actors_field(c)),
                Rule::about_field => {
                    if c.clone()
                        .into_inner()
                        .any(|x| x.as_rule() == Rule::and_others)
                    {
                        norm.about_others = true;
                    }
                    norm.about.push(self.actors_field(c));
                }
                Rule::when_field => norm.conditions.extend(self.condition(c)),
                Rule::standard_field => norm.standards.extend(self.standard(c)),
                Rule::deadline_field => norm.deadlines.extend(self.deadline_field(c)),
                Rule::breach_field => norm.breach_judged_by.extend(self.actor_field(c)),
                Rule::or_else_field => {
                    let ospan = self.span(&c);
                    let mut consequence = None;
                    let mut decided_by = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::string => consequence = Some(self.text(f)),
                            Rule::actor => decided_by = Some(self.actor(f)),
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(consequence) = consequence {
                        norm.or_else.push(OrElse {
                            consequence,
                            decided_by,
                            citation,
                            span: ospan,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(norm)
    }

    pub(super) fn statement(&mut self, p: P) -> Option<Statement> {
        let span = self.span(&p);
        let mut actor = None;
        let mut deontic = None;
        let mut aim = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor => actor = Some(self.actor(c)),
                Rule::deontic => {
                    deontic = Some(match c.into_inner().next().map(|d| d.as_rule()) {
                        Some(Rule::shall_not) => Deontic::ShallNot,
                        Some(Rule::may) => Deontic::May,
                        Some(Rule::will_not) => Deontic::WillNot,
                        Some(Rule::will) => Deontic::Will,
                        _ => Deontic::Shall,
                    })
                }
                Rule::string => aim = Some(self.text(c)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(Statement {
            actor: actor?,
            deontic: deontic?,
            aim: aim?,
            citation,
            span,
        })
    }

    pub(super) fn procedure(&mut self, p: P) -> Option<ProcedureDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let mut proc = ProcedureDecl {
            id,
            title: None,
            citation: None,
            initiated_by: Vec::new(),
            conditions: Vec::new(),
            participants: Vec::new(),
            open_to: Vec::new(),
            deadlines: Vec::new(),
            leads_to: Vec::new(),
            standards: Vec::new(),
            span,
        };
        for c in inner {
            match c.as_rule() {
                Rule::string => proc.title = Some(self.text(c)),
                Rule::citation => proc.citation = Some(self.citation(c)),
                Rule::initiated_field => proc.initiated_by.extend(self.actor_field(c)),
                Rule::when_field => proc.conditions.extend(self.condition(c)),
                Rule::participants_field => proc.participants.push(self.actors_field(c)),
                Rule::open_field => proc.open_to.extend(self.actor_field(c)),
                Rule::step_deadline => proc.deadlines.extend(self.deadline_field(c)),
                Rule::standard_field => proc.standards.extend(self.standard(c)),
                Rule::leads_field => {
                    let lspan = self.span(&c);
                    let mut target = None;
                    let mut decision = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::ident => target = Some(self.ident(&f)),
                            Rule::leads_decision => {
                                decision = f
                                    .into_inner()
                                    .find(|x| x.as_rule() == Rule::ident)
                                    .map(|x| self.ident(&x));
                            }
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(target) = target {
                        proc.leads_to.push(RefField {
                            target,
                            decision,
                            citation,
                            span: lspan,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(proc)
    }
}
