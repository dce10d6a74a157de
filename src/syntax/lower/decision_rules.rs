//! Lowering of decision rules: the and/or algebra, shares, counts and fractions.

use super::*;

impl Lowerer {
    pub(super) fn rule_expr(&mut self, p: P) -> Option<RuleExpr> {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::rule_expr | Rule::rule_and => {
                let is_or = p.as_rule() == Rule::rule_expr;
                let mut parts: Vec<RuleExpr> =
                    p.into_inner().filter_map(|c| self.rule_expr(c)).collect();
                if parts.len() == 1 {
                    return parts.pop();
                }
                Some(if is_or {
                    RuleExpr::Any(parts, span)
                } else {
                    RuleExpr::All(parts, span)
                })
            }
            Rule::consensus => Some(RuleExpr::Consensus(span)),
            Rule::no_consent => Some(RuleExpr::NoConsent(span)),
            Rule::unanimity => {
                let base = p
                    .into_inner()
                    .next()
                    .map_or(BaseKind::Members, |b| self.base(b));
                Some(RuleExpr::Unanimity(base, span))
            }
            Rule::majority => {
                let of = p.into_inner().next().map(|c| self.share(c))?;
                Some(RuleExpr::Majority(of, span))
            }
            Rule::veto => {
                let class = p.into_inner().next()?;
                Some(RuleExpr::Veto(self.ident(&class), span))
            }
            Rule::against_limit => {
                let mut fewer = false;
                let mut n = 0;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::fewer_than => fewer = true,
                        Rule::int => n = self.int(&c),
                        _ => {}
                    }
                }
                let max_against = if fewer { n.saturating_sub(1) } else { n };
                Some(RuleExpr::AgainstLimit { max_against, span })
            }
            Rule::threshold => self.threshold(p),
            _ => None,
        }
    }

    pub(super) fn threshold(&mut self, p: P) -> Option<RuleExpr> {
        let span = self.span(&p);
        let mut comparison = Comparison::AtLeast;
        let mut fraction = None;
        let mut of = None;
        let mut count = None;
        let mut unit = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::comparison
                    if c.clone().into_inner().next().map(|x| x.as_rule())
                        == Some(Rule::more_than) =>
                {
                    comparison = Comparison::MoreThan;
                }
                Rule::fraction => fraction = Some(self.fraction(c)),
                Rule::base | Rule::weight_share | Rule::subset_share => of = Some(self.share(c)),
                Rule::int => count = Some(self.int(&c)),
                Rule::count_unit => unit = Some(c),
                _ => {}
            }
        }
        if let (Some(fraction), Some(of)) = (fraction, of) {
            return Some(RuleExpr::Share {
                comparison,
                fraction,
                of,
                span,
            });
        }
        let count = count?;
        let weighted = unit
            .and_then(|u| u.into_inner().next())
            .filter(|w| w.as_rule() == Rule::weighted_votes);
        Some(match weighted {
            Some(w) => RuleExpr::WeightedVotes {
                comparison,
                quota: count,
                attribute: w.into_inner().next().map(|a| self.ident(&a)),
                span,
            },
            None => RuleExpr::Count {
                comparison,
                count,
                span,
            },
        })
    }

    pub(super) fn base(&self, p: P) -> BaseKind {
        match p.into_inner().next().map(|b| b.as_rule()) {
            Some(Rule::present_and_voting | Rule::votes_cast) => BaseKind::VotesCast,
            Some(Rule::members_present) => BaseKind::Present,
            _ => BaseKind::Members,
        }
    }

    pub(super) fn share(&self, p: P) -> Share {
        match p.as_rule() {
            Rule::subset_share => {
                let span = self.span(&p);
                let mut outside = false;
                let mut of = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::subset_not_on | Rule::subset_other_than => outside = true,
                        Rule::role => of = Some(self.role_actor(c)),
                        Rule::ident => {
                            of = Some(Actor {
                                kind: ActorKind::Named(c.as_str().to_string()),
                                span: self.span(&c),
                            })
                        }
                        _ => {}
                    }
                }
                let of = of.unwrap_or(Actor {
                    kind: ActorKind::Nobody,
                    span,
                });
                Share::Subset { outside, of, span }
            }
            Rule::weight_share => {
                let mut inner = p.into_inner();
                let attribute = inner.next().map(|a| self.ident(&a)).unwrap_or(Ident {
                    name: String::new(),
                    span: Span::default(),
                });
                let base = inner.next().map_or(BaseKind::Members, |b| self.base(b));
                Share::Weight { attribute, base }
            }
            _ => Share::Heads(self.base(p)),
        }
    }

    pub(super) fn fraction(&mut self, p: P) -> FractionLit {
        let span = self.span(&p);
        let zero = FractionLit {
            numerator: 0,
            denominator: 1,
            span,
        };
        let Some(inner) = p.into_inner().next() else {
            return zero;
        };
        match inner.as_rule() {
            Rule::percent => {
                let text = inner.as_str().trim_end_matches('%').trim().replace('_', "");
                let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
                let digits = format!("{whole}{frac}");
                let scale = u32::try_from(frac.len()).unwrap_or(u32::MAX);
                match (digits.parse::<u128>(), 10u128.checked_pow(scale)) {
                    (Ok(n), Some(pow)) if frac.len() <= 18 => FractionLit {
                        numerator: n,
                        denominator: 100 * pow,
                        span,
                    },
                    _ => {
                        self.diagnostics.push(Diagnostic::error(
                            codes::INVALID_VALUE,
                            span,
                            format!(
                                "`{}` is not a percentage this checker can hold",
                                inner.as_str()
                            ),
                        ));
                        zero
                    }
                }
            }
            Rule::ratio => {
                let mut parts = inner.into_inner();
                let n = parts.next().map_or(0, |x| self.int(&x));
                let d = parts.next().map_or(1, |x| self.int(&x));
                FractionLit {
                    numerator: u128::from(n),
                    denominator: u128::from(d),
                    span,
                }
            }
            _ => {
                let mut parts = inner.into_inner();
                let n = match parts.next().map(|x| x.as_str()) {
                    Some("a" | "one") => 1,
                    Some("two") => 2,
                    Some("three") => 3,
                    Some("four") => 4,
                    Some("five") => 5,
                    Some("six") => 6,
                    Some("seven") => 7,
                    Some("eight") => 8,
                    _ => 9,
                };
                let d = match parts.next().map(|x| x.as_str()) {
                    Some("half" | "halves") => 2,
                    Some("third" | "thirds") => 3,
                    Some("quarter" | "quarters" | "fourth" | "fourths") => 4,
                    Some("fifth" | "fifths") => 5,
                    Some("sixth" | "sixths") => 6,
                    Some("seventh" | "sevenths") => 7,
                    Some("eighth" | "eighths") => 8,
                    Some("ninth" | "ninths") => 9,
                    _ => 10,
                };
                FractionLit {
                    numerator: n,
                    denominator: d,
                    span,
                }
            }
        }
    }
}
