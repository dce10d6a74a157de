//! Lowering of bodies, readings and the modifiers of their decision rules.

use super::*;

impl Lowerer {
    pub(super) fn body(&mut self, p: P) -> Option<BodyDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let mut body = BodyDecl {
            id,
            title: None,
            citation: None,
            members: None,
            convening: Vec::new(),
            quorum: None,
            decides: Vec::new(),
            span,
        };
        for c in inner {
            match c.as_rule() {
                Rule::string => body.title = Some(self.text(c)),
                Rule::citation => body.citation = Some(self.citation(c)),
                Rule::members_field => {
                    let fspan = self.span(&c);
                    let mut set = PartySet::List(Vec::new());
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::party_set => set = self.party_set(f),
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(previous) = &body.members {
                        self.duplicate_field("members", fspan, previous.span);
                    }
                    body.members = Some(MembersField {
                        set,
                        citation,
                        span: fspan,
                    });
                }
                Rule::convening_field => body.convening.extend(self.convening(c)),
                Rule::quorum_field => {
                    let fspan = self.span(&c);
                    let mut requirement = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::quorum_req => {
                                for q in f.into_inner() {
                                    match q.as_rule() {
                                        Rule::fraction => {
                                            requirement =
                                                Some(QuorumReq::Fraction(self.fraction(q)))
                                        }
                                        Rule::int => {
                                            requirement =
                                                Some(QuorumReq::Count(self.int(&q), self.span(&q)))
                                        }
                                        _ => {}
                                    }
                                }
                            }
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(previous) = &body.quorum {
                        self.duplicate_field("quorum", fspan, previous.span);
                    }
                    if let Some(requirement) = requirement {
                        body.quorum = Some(QuorumField {
                            requirement,
                            citation,
                            span: fspan,
                        });
                    }
                }
                Rule::decides_field => body.decides.extend(self.decides(c)),
                _ => {}
            }
        }
        Some(body)
    }

    pub(super) fn duplicate_field(&mut self, what: &str, here: Span, first: Span) {
        self.diagnostics.push(
            Diagnostic::error(
                codes::DUPLICATE_DEFINITION,
                here,
                format!("`{what}` is given twice for one body"),
            )
            .with_label("second one here")
            .with_secondary(first, "first one here")
            .with_help(format!(
                "a body has one `{what}` clause; keep the one the text says"
            )),
        );
    }

    pub(super) fn convening(&mut self, p: P) -> Option<ConveningField> {
        let span = self.span(&p);
        let mut by = None;
        let mut on_request_of = None;
        let mut support = None;
        let mut within = None;
        let mut immediately = false;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor => by = Some(self.actor(c)),
                Rule::on_request => on_request_of = c.into_inner().next().map(|a| self.actor(a)),
                Rule::with_support => {
                    support = c.into_inner().next().and_then(|r| self.rule_expr(r))
                }
                Rule::deadline => within = self.deadline(c),
                Rule::immediately => immediately = true,
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(ConveningField {
            by: by?,
            on_request_of,
            support,
            within,
            immediately,
            citation,
            span,
        })
    }

    pub(super) fn reading(&mut self, p: P) -> Option<ReadingDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let next = inner.next()?;
        let (principle, description) = if next.as_rule() == Rule::ident {
            (Some(self.ident(&next)), self.text(inner.next()?))
        } else {
            (None, self.text(next))
        };
        let mut citation = None;
        let mut rules = Vec::new();
        for c in inner {
            match c.as_rule() {
                Rule::citation => citation = Some(self.citation(c)),
                Rule::reading_rule => {
                    let mut parts = c.into_inner();
                    let Some(body) = parts.next() else { continue };
                    let body = self.ident(&body);
                    if let Some(decides) = parts.next().and_then(|d| self.decides(d)) {
                        rules.push((body, decides));
                    }
                }
                _ => {}
            }
        }
        Some(ReadingDecl {
            id,
            principle,
            description,
            citation,
            rules,
            span,
        })
    }

    pub(super) fn decides(&mut self, p: P) -> Option<DecidesField> {
        let span = self.span(&p);
        let mut kind = None;
        let mut description = None;
        let mut rule = None;
        let mut modifiers = Vec::new();
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => kind = Some(self.ident(&c)),
                Rule::string => description = Some(self.text(c)),
                Rule::rule_expr => rule = self.rule_expr(c),
                Rule::citation => citation = Some(self.citation(c)),
                _ => modifiers.extend(self.modifier(c)),
            }
        }
        Some(DecidesField {
            kind: kind?,
            description,
            rule: rule?,
            modifiers,
            citation,
            span,
        })
    }

    pub(super) fn modifier(&mut self, p: P) -> Option<RuleModifier> {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::excluding => Some(RuleModifier::Excluding(
                p.into_inner().map(|a| self.actor(a)).collect(),
                span,
            )),
            Rule::abstention => match p.into_inner().next().map(|a| a.as_rule()) {
                Some(Rule::abstention_neutral) => Some(RuleModifier::AbstentionNeutral(span)),
                _ => Some(RuleModifier::AbstentionBlocks(span)),
            },
            Rule::binding => Some(RuleModifier::Binding(span)),
            Rule::every_matter => Some(RuleModifier::EveryMatter(span)),
            Rule::save_otherwise => Some(RuleModifier::SaveAsOtherwiseProvided(span)),
            Rule::fallback => {
                let inner = p.into_inner().next()?;
                match inner.as_rule() {
                    Rule::string => {
                        let text = self.text(inner);
                        Some(RuleModifier::Fallback(text, span))
                    }
                    Rule::fallback_agreement => {
                        let text = inner.into_inner().next().map(|s| self.text(s));
                        Some(RuleModifier::FallbackAgreement(text, span))
                    }
                    Rule::fallback_body => {
                        let mut parts = inner.into_inner();
                        let body = self.ident(&parts.next()?);
                        let rule = self.rule_expr(parts.next()?)?;
                        Some(RuleModifier::FallbackBody(body, rule, span))
                    }
                    _ => Some(RuleModifier::FallbackRule(self.rule_expr(inner)?, span)),
                }
            }
            Rule::unverified_field => {
                let text = self.text(p.into_inner().next()?);
                Some(RuleModifier::Unverified(text, span))
            }
            Rule::carried_out => {
                let actor = self.actor(p.into_inner().next()?);
                Some(RuleModifier::CarriedOutBy(actor, span))
            }
            Rule::burden_shared => {
                let text = self.text(p.into_inner().next()?);
                Some(RuleModifier::BurdenShared(text, span))
            }
            Rule::deadline => Some(RuleModifier::Within(self.deadline(p)?, span)),
            _ => None,
        }
    }
}
