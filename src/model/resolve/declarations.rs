//! Declarations: parties, principles, classes and the sets of parties they name.

use super::*;

impl Resolver {
    pub(super) fn declarations(&mut self, ast: &ast::File, own: bool) {
        // Reserved at once: grown by doubling, the list took up to twice its size.
        let parties = ast
            .items
            .iter()
            .filter(|i| matches!(i, Item::Party(_)))
            .count();
        self.treaty.parties.reserve_exact(parties);
        self.parties.reserve(parties);
        for item in &ast.items {
            match item {
                Item::Party(p) => self.party(p),
                Item::Principle(p) => self.principle(p),
                Item::Source(s) if own => self.treaty.sources.push(s.value.clone()),
                _ => {}
            }
        }
        for item in &ast.items {
            if let Item::Class(c) = item {
                self.class(c);
            }
        }
        if !own {
            return;
        }
        for item in &ast.items {
            match item {
                Item::Body(b) => {
                    let id = BodyId(index(self.treaty.bodies.len()));
                    if let Some(prev) = self.bodies.get(&b.id.name) {
                        let prev_span = self.treaty.body(*prev).map_or(Span::default(), |x| x.span);
                        self.duplicate(&b.id, prev_span);
                        continue;
                    }
                    self.bodies.insert(b.id.name.clone(), id);
                    self.treaty.bodies.push(Body {
                        id: b.id.name.clone(),
                        title: b.title.as_ref().map(|t| t.value.clone()),
                        citation: None,
                        members: Vec::new(),
                        convening: Vec::new(),
                        quorum: None,
                        decisions: Vec::new(),
                        final_clause: None,
                        span: b.id.span,
                    });
                }
                Item::Procedure(p) => {
                    if let Some(&prev) = self.procedures.get(&p.id.name) {
                        let prev_span = self
                            .treaty
                            .procedures
                            .get(prev as usize)
                            .map_or(Span::default(), |x| x.span);
                        self.duplicate(&p.id, prev_span);
                        continue;
                    }
                    let id = index(self.treaty.procedures.len());
                    self.procedures.insert(p.id.name.clone(), id);
                    self.treaty.procedures.push(Procedure {
                        id: p.id.name.clone(),
                        title: p.title.as_ref().map(|t| t.value.clone()),
                        citation: None,
                        initiated_by: Vec::new(),
                        conditions: Vec::new(),
                        participants: Vec::new(),
                        open_to: Vec::new(),
                        deadlines: Vec::new(),
                        leads_to: Vec::new(),
                        standards: Vec::new(),
                        span: p.id.span,
                    });
                }
                _ => {}
            }
        }
    }

    pub(super) fn duplicate(&mut self, id: &ast::Ident, first: Span) {
        self.diags.push(
            Diagnostic::error(
                codes::DUPLICATE_DEFINITION,
                id.span,
                format!("`{}` is defined more than once", id.name),
            )
            .with_label("defined again here")
            .with_secondary(first, "first defined here")
            .with_help("rename one of them, or remove the repeat"),
        );
    }

    pub(super) fn party(&mut self, p: &ast::PartyDecl) {
        let mut numbers = BTreeMap::new();
        let mut dates = BTreeMap::new();
        for attr in &p.attrs {
            match &attr.value {
                ast::AttrValue::Date(d) => {
                    dates.insert(attr.name.name.clone(), d.clone());
                }
                ast::AttrValue::Number(n) => match n.parse::<u128>() {
                    Ok(v) => {
                        numbers.insert(attr.name.name.clone(), v);
                    }
                    Err(_) if n.bytes().all(|b| b.is_ascii_digit() || b == b'_') => self.diags.push(
                        Diagnostic::error(
                            codes::INVALID_VALUE,
                            attr.span,
                            format!("`{}` of `{}` is too large a number", attr.name.name, p.id.name),
                        )
                        .with_label("too large")
                        .with_help(format!("weights and populations go up to {}; scale every party's value alike", u128::MAX)),
                    ),
                    Err(_) => self.diags.push(
                        Diagnostic::error(
                            codes::INVALID_VALUE,
                            attr.span,
                            format!("`{}` of `{}` is not a whole number", attr.name.name, p.id.name),
                        )
                        .with_label("not a whole number")
                        .with_help("weights and populations are whole numbers; scale every party's value alike if you need fractions"),
                    ),
                },
            }
        }
        if let Some(&prev) = self.parties.get(&p.id.name) {
            // The same state declared by two party lists is one party, if they agree.
            let Some(existing) = self.treaty.parties.get_mut(prev.0 as usize) else {
                return;
            };
            let conflict = existing.name != p.name.value
                || existing.span.file == p.id.span.file
                || numbers
                    .iter()
                    .any(|(k, v)| existing.numbers.get(k).is_some_and(|old| old != v))
                || dates
                    .iter()
                    .any(|(k, v)| existing.dates.get(k).is_some_and(|old| old != v));
            if conflict {
                let first = existing.span;
                self.duplicate(&p.id, first);
            } else {
                existing.numbers.extend(numbers);
                existing.dates.extend(dates);
            }
            return;
        }
        let id = PartyId(index(self.treaty.parties.len()));
        self.parties.insert(p.id.name.clone(), id);
        self.treaty.parties.push(Party {
            id: p.id.name.clone(),
            name: p.name.value.clone(),
            numbers,
            dates,
            span: p.id.span,
        });
    }

    pub(super) fn principle(&mut self, p: &ast::PrincipleDecl) {
        if let Some(&prev) = self.principles.get(&p.id.name) {
            let first = self
                .treaty
                .principles
                .get(prev)
                .map_or(Span::default(), |x| x.span);
            self.duplicate(&p.id, first);
            return;
        }
        self.principles
            .insert(p.id.name.clone(), self.treaty.principles.len());
        self.treaty.principles.push(Principle {
            id: p.id.name.clone(),
            description: p.description.value.clone(),
            span: p.id.span,
        });
    }

    pub(super) fn class(&mut self, c: &ast::ClassDecl) {
        if let Some(&prev) = self.classes.get(&c.id.name) {
            let first = self.treaty.class(prev).map_or(Span::default(), |x| x.span);
            self.duplicate(&c.id, first);
            return;
        }
        if let Some(&prev) = self.parties.get(&c.id.name) {
            let first = self.treaty.party(prev).map_or(Span::default(), |x| x.span);
            self.duplicate(&c.id, first);
            return;
        }
        let members = self.party_set(&c.set, None);
        let mut since = BTreeMap::new();
        for (member, date) in &c.since {
            for p in self.parties_named(member) {
                if members.contains(&p) {
                    since.insert(p, date.value.clone());
                } else {
                    self.diags.push(
                        Diagnostic::error(
                            codes::INVALID_VALUE,
                            member.span,
                            format!(
                                "`{}` is dated but is not a member of `{}`",
                                member.name, c.id.name
                            ),
                        )
                        .with_label("not in the class")
                        .with_help("date only the class's own members, or add it to the list"),
                    );
                }
            }
        }
        let id = ClassId(index(self.treaty.classes.len()));
        self.classes.insert(c.id.name.clone(), id);
        self.treaty.classes.push(Class {
            id: c.id.name.clone(),
            title: c.title.as_ref().map(|t| t.value.clone()),
            members,
            since,
            span: c.id.span,
        });
    }

    /// A set of parties as members, sorted and without repeats. `universe` is what `all
    /// parties` means here: the treaty's parties for a body, every declared party otherwise.
    pub(super) fn party_set(
        &mut self,
        set: &PartySet,
        universe: Option<&[PartyId]>,
    ) -> Vec<PartyId> {
        // Built only where the set needs it: a list of names never reads every party.
        let all = |r: &Self| -> Vec<PartyId> {
            match universe {
                Some(u) => u.to_vec(),
                None => (0..r.treaty.parties.len())
                    .map(|i| PartyId(index(i)))
                    .collect(),
            }
        };
        let (mut out, span): (Vec<PartyId>, Option<Span>) = match set {
            PartySet::All { except, span } => {
                let mut excluded: Vec<PartyId> =
                    except.iter().flat_map(|e| self.parties_named(e)).collect();
                excluded.sort_unstable();
                let kept = all(self)
                    .into_iter()
                    .filter(|p| excluded.binary_search(p).is_err())
                    .collect();
                (kept, Some(*span))
            }
            PartySet::Joined {
                of,
                when,
                date,
                span,
                ..
            } => {
                let pool = match of {
                    Some(name) => self.parties_named(name),
                    None => all(self),
                };
                let joined = pool
                    .into_iter()
                    .filter(|&p| {
                        let joined = self.treaty.party(p).and_then(|p| p.dates.get("joined"));
                        match (joined, when) {
                            (Some(j), ast::JoinedWhen::After) => j.as_str() > date.value.as_str(),
                            (Some(j), ast::JoinedWhen::Before) => j.as_str() < date.value.as_str(),
                            (None, _) => false,
                        }
                    })
                    .collect();
                (joined, Some(*span))
            }
            PartySet::List(names) => (
                names.iter().flat_map(|n| self.parties_named(n)).collect(),
                names.first().map(|n| n.span),
            ),
        };
        out.sort();
        out.dedup();
        if !self.expand(out.len(), span.unwrap_or_default()) {
            out.clear();
        }
        out
    }

    /// Counts `n` more members written out (of a class, a body, a party list, or a
    /// decision rule's weights); `false`, with one error for the file, once they pass
    /// [`MAX_EXPANDED`]. Each clause may name a large class again, so the Model could
    /// otherwise grow with the product of two parts of the file rather than its size.
    pub(super) fn expand(&mut self, n: usize, span: Span) -> bool {
        self.expanded = self.expanded.saturating_add(n);
        if self.expanded <= MAX_EXPANDED {
            return true;
        }
        if !self.expansion_reported {
            self.expansion_reported = true;
            self.diags.push(
                Diagnostic::error(
                    codes::FILE_TOO_LARGE,
                    span,
                    format!(
                        "the clauses name more than {MAX_EXPANDED} members in all (classes, bodies, party lists and decision rules, each counting its members)"
                    ),
                )
                .with_label("the limit is passed here")
                .with_help("name large classes in fewer clauses; no real treaty comes near this"),
            );
        }
        false
    }

    /// The parties a name stands for: one party, or the members of a class.
    pub(super) fn parties_named(&mut self, name: &ast::Ident) -> Vec<PartyId> {
        if let Some(&p) = self.parties.get(&name.name) {
            return vec![p];
        }
        if let Some(&c) = self.classes.get(&name.name) {
            let size = self.treaty.class(c).map_or(0, |c| c.members.len());
            if !self.expand(size, name.span) {
                return Vec::new();
            }
            return self
                .treaty
                .class(c)
                .map(|c| c.members.clone())
                .unwrap_or_default();
        }
        self.unknown(name, "party or class of parties");
        Vec::new()
    }

    pub(super) fn sort_treaty_parties(&mut self) {
        if std::mem::take(&mut self.parties_unsorted) {
            self.treaty.treaty_parties.sort_unstable();
            self.treaty.treaty_parties.dedup();
        }
    }
}
