//! What a rule's report states without counting coalitions: the smallest blocking coalition
//! (veto players and the quorum boycott come from [`crate::decision`]). These hold whatever
//! the budget, so a rule too large to count still says who can stop it.

use super::game::{Formula, Game};

/// The fewest members whose "no" defeats the rule when everyone else votes yes, with an
/// example (`Some(None)`: nothing defeats it), found greedily where that is exact; `None`
/// where it is not (an "or" of thresholds that rank the members differently), which the
/// counting methods then settle.
///
/// Where one order ranks every threshold of a part of the rule alike (heavier first in
/// each), the heaviest `k` objectors take the most from every threshold at once, so the
/// smallest `k` whose heaviest defeat that part is the answer for it. A conjunction is
/// defeated by defeating any one of its parts.
pub fn smallest_blocking(game: &Game) -> Option<Option<Vec<usize>>> {
    blocking(game, &game.formula)
}

fn blocking(game: &Game, f: &Formula) -> Option<Option<Vec<usize>>> {
    let mut atoms = Vec::new();
    atoms_of(f, &mut atoms);
    atoms.sort_unstable();
    atoms.dedup();
    if let Some(order) = common_order(game, &atoms) {
        return greedy(game, f, &atoms, &order);
    }
    match f {
        Formula::All(parts) => {
            let mut best: Option<Vec<usize>> = None;
            for part in parts {
                if let Some(found) = blocking(game, part)? {
                    if best.as_ref().is_none_or(|b| found.len() < b.len()) {
                        best = Some(found);
                    }
                }
            }
            Some(best)
        }
        // A single atom always has a common order; an "or" of parts ranked differently is
        // a covering problem left to the counting methods.
        Formula::Atom(_) | Formula::Any(_) => None,
    }
}

fn atoms_of(f: &Formula, out: &mut Vec<usize>) {
    match f {
        Formula::Atom(j) => out.push(*j),
        Formula::All(parts) | Formula::Any(parts) => {
            for p in parts {
                atoms_of(p, out);
            }
        }
    }
}

/// The players in an order that ranks every one of `atoms` alike (heavier first in each;
/// among equals, later members first), if there is one.
fn common_order(game: &Game, atoms: &[usize]) -> Option<Vec<usize>> {
    let weight = |j: usize, i: usize| game.weight(j, i);
    let mut order: Vec<usize> = (0..game.n).rev().collect();
    // If any order ranks them alike, the order by all weights at once (lexicographic) does.
    order.sort_by_cached_key(|&i| {
        atoms
            .iter()
            .map(|&j| std::cmp::Reverse(weight(j, i)))
            .collect::<Vec<_>>()
    });
    let alike = atoms.iter().all(|&j| {
        order.windows(2).all(|pair| match pair {
            [a, b] => weight(j, *a) >= weight(j, *b),
            _ => true,
        })
    });
    alike.then_some(order)
}

/// One threshold's yes votes so far, and what they must reach.
struct Tally {
    yes: i128,
    quota: i128,
}

/// The first `k` of `order` whose "no" defeats `f`, for the smallest such `k`: `Some(None)`
/// where nothing defeats it, `None` where the game is not as checked.
fn greedy(
    game: &Game,
    f: &Formula,
    atoms: &[usize],
    order: &[usize],
) -> Option<Option<Vec<usize>>> {
    // The yes votes' weight per threshold, everyone in favour to start with.
    let mut tallies: Vec<Tally> = game
        .thresholds
        .iter()
        .map(|t| Tally {
            yes: t.weights.iter().sum(),
            quota: t.quota,
        })
        .collect();
    // (A checked game's formula names only its thresholds.)
    let holds = |tallies: &[Tally]| {
        eval(f, &|j| {
            !atoms.contains(&j) || tallies.get(j).is_some_and(|t| t.yes >= t.quota)
        })
    };
    if !holds(&tallies) {
        return Some(Some(Vec::new()));
    }
    for (k, &i) in order.iter().enumerate() {
        for &j in atoms {
            // A threshold or weight missing (which a checked game has not) leaves the answer
            // to the counting methods: `None`, never a guess.
            let tally = tallies.get_mut(j)?;
            tally.yes -= *game.thresholds.get(j)?.weights.get(i)?;
        }
        if !holds(&tallies) {
            let mut out: Vec<usize> = order.iter().take(k + 1).copied().collect();
            out.sort_unstable();
            return Some(Some(out));
        }
    }
    Some(None)
}

fn eval(f: &Formula, met: &dyn Fn(usize) -> bool) -> bool {
    match f {
        Formula::Atom(j) => met(*j),
        Formula::All(parts) => parts.iter().all(|p| eval(p, met)),
        Formula::Any(parts) => parts.iter().any(|p| eval(p, met)),
    }
}
