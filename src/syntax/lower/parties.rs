//! Lowering of parties, classes and sets of parties.

use super::*;

impl Lowerer {
    pub(super) fn party(&mut self, p: P) -> Option<PartyDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let name = self.text(inner.next()?);
        let mut attrs = Vec::new();
        for a in inner {
            let aspan = self.span(&a);
            let mut ai = a.into_inner();
            let (Some(n), Some(v)) = (ai.next(), ai.next()) else {
                continue;
            };
            let value = match v.as_rule() {
                Rule::date => AttrValue::Date(v.as_str().to_string()),
                _ => AttrValue::Number(v.as_str().replace('_', "")),
            };
            attrs.push(Attr {
                name: self.ident(&n),
                value,
                span: aspan,
            });
        }
        Some(PartyDecl {
            id,
            name,
            attrs,
            span,
        })
    }

    /// `parties SET [as of DATE] [citation]`, and `signatories` of the same shape.
    pub(super) fn parties(&mut self, p: P) -> Option<PartiesDecl> {
        let span = self.span(&p);
        let mut set = None;
        let mut citation = None;
        let mut as_of = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::party_set => set = Some(self.party_set(c)),
                Rule::citation => citation = Some(self.citation(c)),
                Rule::as_of => {
                    as_of = c.into_inner().next().map(|d| Text {
                        value: d.as_str().to_string(),
                        span: self.span(&d),
                    })
                }
                _ => {}
            }
        }
        Some(PartiesDecl {
            set: set?,
            as_of,
            citation,
            span,
        })
    }

    pub(super) fn class(&mut self, p: P) -> Option<ClassDecl> {
        let span = self.span(&p);
        let mut id = None;
        let mut title = None;
        let mut set = None;
        let mut since = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => id = Some(self.ident(&c)),
                Rule::string => title = Some(self.text(c)),
                Rule::party_set => set = Some(self.party_set(c)),
                Rule::dated_member => {
                    let mut parts = c.into_inner();
                    if let (Some(member), Some(date)) = (parts.next(), parts.next()) {
                        let date = Text {
                            value: date.as_str().to_string(),
                            span: self.span(&date),
                        };
                        since.push((self.ident(&member), date));
                    }
                }
                _ => {}
            }
        }
        Some(ClassDecl {
            id: id?,
            title,
            set: set?,
            since,
            span,
        })
    }

    pub(super) fn ref_list(&self, p: P) -> Vec<Ident> {
        p.into_inner().map(|i| self.ident(&i)).collect()
    }

    pub(super) fn party_set(&mut self, p: P) -> PartySet {
        let span = self.span(&p);
        let Some(inner) = p.into_inner().next() else {
            return PartySet::List(Vec::new());
        };
        match inner.as_rule() {
            Rule::all_parties => PartySet::All {
                except: inner
                    .into_inner()
                    .next()
                    .map(|l| self.ref_list(l))
                    .unwrap_or_default(),
                span,
            },
            Rule::joined_filter => {
                let mut of = None;
                let mut when = JoinedWhen::After;
                let mut date = Text {
                    value: String::new(),
                    span,
                };
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::ident => of = Some(self.ident(&c)),
                        Rule::joined_when if c.as_str() == "before" => {
                            when = JoinedWhen::Before;
                        }
                        Rule::date => {
                            date = Text {
                                value: c.as_str().to_string(),
                                span: self.span(&c),
                            }
                        }
                        _ => {}
                    }
                }
                PartySet::Joined {
                    of,
                    when,
                    date,
                    span,
                }
            }
            _ => PartySet::List(self.ref_list(inner)),
        }
    }
}
