//! Roles: the parties a clause names by their part in a case (the aggressor, the parties to
//! the dispute), bound only when a case arises.

/// A party's role in a given case, bound only when a case arises (a scenario names them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    AnyParty,
    AnyOtherParty,
    EachParty,
    AllParties,
    AnotherParty,
    AllOtherParties,
    RequestingParty,
    RequestedParty,
    AttackedParty,
    InitiatingParty,
    Aggressor,
    Accused,
    DisputeParties,
    Depositary,
    /// The clause's own subject, judging for itself.
    Itself,
    Nobody,
}

impl Role {
    /// As the clause language writes it.
    pub fn phrase(self) -> &'static str {
        match self {
            Role::AnyParty => "any party",
            Role::AnyOtherParty => "any other party",
            Role::EachParty => "each party",
            Role::AllParties => "all parties",
            Role::AnotherParty => "another party",
            Role::AllOtherParties => "all other parties",
            Role::RequestingParty => "the requesting party",
            Role::RequestedParty => "the requested party",
            Role::AttackedParty => "the attacked party",
            Role::InitiatingParty => "the initiating party",
            Role::Aggressor => "the aggressor",
            Role::Accused => "the accused party",
            Role::DisputeParties => "the parties to the dispute",
            Role::Depositary => "the depositary",
            Role::Itself => "itself",
            Role::Nobody => "nobody",
        }
    }

    /// Whether the role names several parties at once (`the parties to the dispute vote`),
    /// so that a message says "they" and "their" of it.
    pub fn is_plural(self) -> bool {
        matches!(
            self,
            Role::AllParties | Role::AllOtherParties | Role::DisputeParties
        )
    }

    /// One party holding the role: `a party to the dispute`, `the aggressor`.
    pub fn one_holder(self) -> &'static str {
        match self {
            Role::AllParties | Role::AllOtherParties => "a party",
            Role::DisputeParties => "a party to the dispute",
            other => other.phrase(),
        }
    }

    /// How many parties the role stands for in a case, at the least: two parties to a
    /// dispute, one aggressor, one accused. `None` where a case does not fix it.
    pub fn holders_in_a_case(self) -> Option<usize> {
        match self {
            Role::DisputeParties => Some(2),
            Role::Aggressor
            | Role::Accused
            | Role::AttackedParty
            | Role::RequestingParty
            | Role::RequestedParty
            | Role::InitiatingParty => Some(1),
            _ => None,
        }
    }

    /// Roles that name one party acting in its own cause: when such a party judges a
    /// condition, it judges its own case.
    pub fn is_interested_party(self) -> bool {
        matches!(
            self,
            Role::AnyParty
                | Role::AnyOtherParty
                | Role::EachParty
                | Role::AnotherParty
                | Role::RequestingParty
                | Role::RequestedParty
                | Role::AttackedParty
                | Role::InitiatingParty
                | Role::Aggressor
                | Role::Accused
                | Role::DisputeParties
                | Role::Itself
        )
    }
}
