//! Names used in clauses: unknown names with hints, bodies, decisions, principles and actors.

use super::*;

impl Resolver {
    pub(super) fn unknown(&mut self, name: &ast::Ident, what: &str) {
        let mut help = format!(
            "declare it with `party {} \"...\"` or `class {} = ...`, or import the file that does",
            name.name, name.name
        );
        if what.contains("principle") {
            help = format!("declare it with `principle {} \"...\"`, or import the file of principles that does", name.name);
        } else if what.contains("body") {
            help = format!("declare it with `body {} {{ ... }}`", name.name);
        }
        let mut diag = Diagnostic::error(
            codes::UNKNOWN_NAME,
            name.span,
            format!("unknown {what} `{}`", name.name),
        )
        .with_label("not declared");
        if let Some(near) = self.nearest_name(&name.name) {
            help = format!("did you mean `{near}`? Otherwise {help}");
            diag = diag.with_fix(crate::fix::Fix::unsafe_(
                format!("replace with `{near}`"),
                vec![crate::fix::Edit::replace(name.span, near)],
            ));
        }
        diag = diag.with_help(help);
        self.diags.push(diag);
    }

    /// The declared name closest to a misspelt one, if any is close.
    pub(super) fn nearest_name(&mut self, name: &str) -> Option<String> {
        let names = self
            .parties
            .keys()
            .chain(self.classes.keys())
            .chain(self.bodies.keys())
            .chain(self.procedures.keys())
            .chain(self.principles.keys())
            .map(String::as_str);
        crate::spelling::closest(name, names, &mut self.suggestion_budget).map(str::to_string)
    }

    pub(super) fn principle_named(&mut self, name: &ast::Ident) {
        if !self.principles.contains_key(&name.name) {
            self.unknown(name, "principle");
        }
    }

    /// The index of the rule by which `body` decides `kind`, or an error naming what it
    /// does decide.
    pub(super) fn decision_named(&mut self, body: BodyId, kind: &ast::Ident) -> Option<u32> {
        let b = self.treaty.body(body)?;
        if let Some(i) = b.decisions.iter().position(|d| d.kind == kind.name) {
            return Some(index(i));
        }
        let kinds: Vec<String> = b
            .decisions
            .iter()
            .map(|d| format!("`{}`", d.kind))
            .collect();
        let help = if kinds.is_empty() {
            format!(
                "give the {} a `decides {} by ...` line",
                b.display_name(),
                kind.name
            )
        } else {
            format!("it decides {}", crate::wording::and_list(&kinds))
        };
        let message = format!("the {} decides no `{}`", b.display_name(), kind.name);
        self.diags.push(
            Diagnostic::error(codes::UNKNOWN_NAME, kind.span, message)
                .with_label("not a decision of that body")
                .with_help(help),
        );
        None
    }

    pub(super) fn body_named(&mut self, name: &ast::Ident) -> Option<BodyId> {
        let found = self.bodies.get(&name.name).copied();
        if found.is_none() {
            self.unknown(name, "body");
        }
        found
    }

    pub(super) fn actor(&mut self, a: &ast::Actor) -> Option<Actor> {
        let actor = match &a.kind {
            ActorKind::Named(name) => {
                if let Some(&p) = self.parties.get(name) {
                    ActorRef::Party(p)
                } else if let Some(&c) = self.classes.get(name) {
                    ActorRef::Class(c)
                } else if let Some(&b) = self.bodies.get(name) {
                    ActorRef::Body(b)
                } else {
                    let ident = ast::Ident {
                        name: name.clone(),
                        span: a.span,
                    };
                    self.unknown(&ident, "party, class or body");
                    return None;
                }
            }
            other => ActorRef::Role(role(other)),
        };
        Some(Actor {
            actor,
            span: a.span,
        })
    }

    pub(super) fn actor_field(&mut self, f: &ast::ActorField) -> Option<CitedActor> {
        let citation = self.cite(&f.citation);
        Some(CitedActor {
            actor: self.actor(&f.actor)?,
            citation,
        })
    }

    pub(super) fn actors_field(&mut self, f: &ast::ActorsField) -> Vec<Actor> {
        self.cite(&f.citation);
        f.actors.iter().filter_map(|a| self.actor(a)).collect()
    }
}
