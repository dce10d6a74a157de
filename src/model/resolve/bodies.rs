//! Bodies, their decision rules and modifiers, and readings.

use super::*;

impl Resolver {
    /// The body this declaration declares, unless it is a duplicate.
    fn declared_body(&self, b: &ast::BodyDecl) -> Option<BodyId> {
        let &id = self.bodies.get(&b.id.name)?;
        self.treaty
            .body(id)
            .is_some_and(|existing| existing.span == b.id.span)
            .then_some(id)
    }

    /// A body's members, before any body's rules are read: a rule may take a share of
    /// another body's members (`members not on council`) wherever that body is declared.
    pub(super) fn body_members(&mut self, b: &ast::BodyDecl) {
        let Some(id) = self.declared_body(b) else {
            return;
        };
        let universe = if self.treaty.treaty_parties.is_empty() {
            None
        } else {
            Some(self.treaty.treaty_parties.clone())
        };
        let members = match &b.members {
            Some(m) => {
                self.cite(&m.citation);
                self.party_set(&m.set, universe.as_deref())
            }
            None => universe.unwrap_or_default(),
        };
        if let Some(slot) = self.treaty.bodies.get_mut(id.0 as usize) {
            slot.members = members;
        }
    }

    pub(super) fn body(&mut self, b: &ast::BodyDecl) {
        let Some(id) = self.declared_body(b) else {
            return;
        };
        let members = self
            .treaty
            .body(id)
            .map(|body| body.members.clone())
            .unwrap_or_default();
        if members.is_empty() && !b.decides.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    b.id.span,
                    format!("body `{}` has no members", b.id.name),
                )
                .with_label("no members")
                .with_help("add `members all parties` and a `parties ...` line naming the treaty's parties, or list the members"),
            );
        }
        let citation = self.cite(&b.citation);
        let mut convening = Vec::new();
        for c in &b.convening {
            let Some(by) = self.actor(&c.by) else {
                continue;
            };
            convening.push(Convening {
                by,
                on_request_of: c.on_request_of.as_ref().and_then(|a| self.actor(a)),
                support: c
                    .support
                    .as_ref()
                    .map(|r| (self.rule(r, &members), r.span())),
                within: c.within.as_ref().map(duration),
                immediately: c.immediately,
                citation: self.cite(&c.citation),
                span: c.span,
            });
        }
        // A share in a convening rule binds no case.
        self.subset_exclusions.clear();
        let quorum = b.quorum.as_ref().and_then(|q| {
            let rule = match &q.requirement {
                ast::QuorumReq::Fraction(f) => {
                    QuorumThreshold::Share(self.ratio(f, Comparison::AtLeast)?)
                }
                ast::QuorumReq::Count(n, span) => {
                    self.count_possible(*n, members.len(), *span, "members must attend");
                    QuorumThreshold::Count(*n)
                }
            };
            Some(Quorum {
                rule,
                citation: self.cite(&q.citation),
                span: q.span,
            })
        });
        let decisions = b
            .decides
            .iter()
            .map(|d| self.decision_rule(d, &members))
            .collect();
        if let Some(slot) = self.treaty.bodies.get_mut(id.0 as usize) {
            slot.citation = citation;
            slot.members = members;
            slot.convening = convening;
            slot.quorum = quorum;
            slot.decisions = decisions;
        }
    }

    pub(super) fn decision_rule(
        &mut self,
        d: &ast::DecidesField,
        members: &[PartyId],
    ) -> DecisionRule {
        let rule = self.rule(&d.rule, members);
        let left_out = std::mem::take(&mut self.subset_exclusions);
        let Modifiers {
            mut excluded,
            abstention,
            binding,
            fallback,
            unverified,
            execution,
        } = self.modifiers(&d.modifiers);
        let citation = self.cite(&d.citation).map(|c| Cite { unverified, ..c });
        let fallback_rule = d.modifiers.iter().find_map(|m| match m {
            ast::RuleModifier::FallbackRule(r, _) => Some(self.rule(r, members)),
            _ => None,
        });
        let fallback = fallback.or_else(|| fallback_rule.as_ref().map(|r| format!("by {r}")));
        // Another body's rule is read over its members, once every body's are known.
        let mut fallback_body = None;
        let mut fallback_agreement = false;
        let mut fallback = fallback;
        for m in &d.modifiers {
            match m {
                ast::RuleModifier::FallbackBody(name, rule, _) => {
                    if let Some(b) = self.body_named(name) {
                        fallback_body = Some(b);
                        self.pending_fallbacks.push((d.span, b, rule.clone()));
                    }
                }
                ast::RuleModifier::FallbackAgreement(text, _) => {
                    fallback_agreement = true;
                    fallback = Some(text.as_ref().map_or_else(
                        || "by further agreement on how to decide".to_string(),
                        |t| format!("by further agreement {}", t.value),
                    ));
                }
                _ => {}
            }
        }
        self.subset_exclusions.clear();
        for role in left_out {
            if !excluded.contains(&role) {
                excluded.push(role);
            }
        }
        let scope = if d
            .modifiers
            .iter()
            .any(|m| matches!(m, ast::RuleModifier::SaveAsOtherwiseProvided(_)))
        {
            Scope::Residual
        } else if d
            .modifiers
            .iter()
            .any(|m| matches!(m, ast::RuleModifier::EveryMatter(_)))
        {
            Scope::EveryMatter
        } else {
            Scope::Matter
        };
        DecisionRule {
            fallback_rule,
            fallback_body,
            scope,
            fallback_agreement,
            kind: d.kind.name.clone(),
            description: d.description.as_ref().map(|t| t.value.clone()),
            rule,
            rule_span: d.rule.span(),
            excluded,
            abstention,
            binding,
            fallback,
            execution,
            citation,
            span: d.span,
        }
    }

    /// The fallbacks that name another body: each rule read over that body's members, now
    /// that every body's members are known.
    pub(super) fn fallbacks_to_other_bodies(&mut self) {
        for (span, target, expr) in std::mem::take(&mut self.pending_fallbacks) {
            let members = self
                .treaty
                .body(target)
                .map(|b| b.members.clone())
                .unwrap_or_default();
            let title = self
                .treaty
                .body(target)
                .map(|b| b.display_name().to_string())
                .unwrap_or_default();
            let rule = self.rule(&expr, &members);
            self.subset_exclusions.clear();
            let said = format!("the {title} decides by {rule}");
            let decisions = self
                .treaty
                .bodies
                .iter_mut()
                .flat_map(|b| b.decisions.iter_mut())
                .chain(
                    self.treaty
                        .readings
                        .iter_mut()
                        .flat_map(|r| r.decisions.iter_mut().map(|(_, d)| d)),
                );
            for d in decisions.filter(|d| d.span == span) {
                d.fallback_rule = Some(rule.clone());
                d.fallback = Some(said.clone());
            }
        }
    }

    /// A reading's decision rules, attached to the bodies they name.
    pub(super) fn reading(&mut self, r: &ast::ReadingDecl) {
        if let Some(p) = &r.principle {
            self.principle_named(p);
        }
        let citation = self.cite(&r.citation);
        let mut decisions = Vec::new();
        for (body, d) in &r.rules {
            let Some(id) = self.body_named(body) else {
                continue;
            };
            let members = self
                .treaty
                .body(id)
                .map(|b| b.members.clone())
                .unwrap_or_default();
            decisions.push((id, self.decision_rule(d, &members)));
        }
        self.treaty.readings.push(Reading {
            id: r.id.name.clone(),
            principle: r.principle.as_ref().map(|p| p.name.clone()),
            description: r.description.value.clone(),
            citation,
            decisions,
            span: r.id.span,
        });
    }

    pub(super) fn modifiers(&mut self, mods: &[ast::RuleModifier]) -> Modifiers {
        let mut excluded = Vec::new();
        let mut abstention = Abstention::RuleDefault;
        let mut binding = false;
        let mut fallback = None;
        let mut unverified = None;
        let mut execution = Execution::default();
        for m in mods {
            match m {
                ast::RuleModifier::Excluding(actors, _) => {
                    for a in actors {
                        match &a.kind {
                            ActorKind::Named(name) => self.diags.push(
                                Diagnostic::error(
                                    codes::WRONG_KIND,
                                    a.span,
                                    format!("`{name}` cannot be excluded by name"),
                                )
                                .with_label("a name, not a role")
                                .with_help("exclude a role such as `the aggressor` or `the parties to the dispute`; to leave a party out of a body, use `members all parties except ...`"),
                            ),
                            other => excluded.push(role(other)),
                        }
                    }
                }
                ast::RuleModifier::AbstentionBlocks(_) => abstention = Abstention::Blocks,
                ast::RuleModifier::AbstentionNeutral(_) => abstention = Abstention::DoesNotBlock,
                ast::RuleModifier::Binding(_) => binding = true,
                ast::RuleModifier::Fallback(text, _) => fallback = Some(text.value.clone()),
                // Resolved with the body's members, in `decision_rule`.
                ast::RuleModifier::FallbackRule(..)
                | ast::RuleModifier::FallbackBody(..)
                | ast::RuleModifier::FallbackAgreement(..)
                | ast::RuleModifier::EveryMatter(_)
                | ast::RuleModifier::SaveAsOtherwiseProvided(_) => {}
                ast::RuleModifier::Unverified(text, _) => unverified = Some(text.value.clone()),
                ast::RuleModifier::CarriedOutBy(actor, _) => {
                    execution.carried_out_by = self.actor(actor);
                }
                ast::RuleModifier::BurdenShared(text, _) => {
                    execution.burden_shared = Some(text.value.clone());
                }
                ast::RuleModifier::Within(d, _) => execution.within = Some(duration(d)),
            }
        }
        excluded.sort();
        excluded.dedup();
        Modifiers {
            excluded,
            abstention,
            binding,
            fallback,
            unverified,
            execution,
        }
    }
}
