//! Lowering of actors: who acts, judges or benefits.

use super::*;

impl Lowerer {
    pub(super) fn actor(&self, p: P) -> Actor {
        let span = self.span(&p);
        let inner = p.into_inner().next();
        let kind = match inner {
            None => ActorKind::Nobody,
            Some(i) => match i.as_rule() {
                Rule::any_party => {
                    if i.as_str().contains("other") {
                        ActorKind::AnyOtherParty
                    } else {
                        ActorKind::AnyParty
                    }
                }
                Rule::each_party => ActorKind::EachParty,
                Rule::all_parties_actor => ActorKind::AllParties,
                Rule::another_party => ActorKind::AnotherParty,
                Rule::all_other_parties => ActorKind::AllOtherParties,
                Rule::itself => ActorKind::Itself,
                Rule::nobody => ActorKind::Nobody,
                Rule::role => role_kind(i),
                _ => ActorKind::Named(i.as_str().to_string()),
            },
        };
        Actor { kind, span }
    }

    /// A `role` node on its own (`the aggressor`), as an actor.
    pub(super) fn role_actor(&self, p: P) -> Actor {
        let span = self.span(&p);
        Actor {
            kind: role_kind(p),
            span,
        }
    }

    pub(super) fn actor_list(&self, p: P) -> Vec<Actor> {
        p.into_inner().map(|a| self.actor(a)).collect()
    }

    pub(super) fn actor_field(&mut self, p: P) -> Option<ActorField> {
        let span = self.span(&p);
        let mut actor = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor => actor = Some(self.actor(c)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(ActorField {
            actor: actor?,
            citation,
            span,
        })
    }

    pub(super) fn actors_field(&mut self, p: P) -> ActorsField {
        let span = self.span(&p);
        let mut actors = Vec::new();
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor_list => actors = self.actor_list(c),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        ActorsField {
            actors,
            citation,
            span,
        }
    }
}
