//! Which method counts a rule: the one place that estimates every method's cost before it
//! starts and chooses. The methods sit side by side and answer the same question for a game:
//!
//! - [`types`]: members that weigh alike are interchangeable; few kinds, few count vectors
//!   (the General Assembly's 193 equals, the Security Council's two kinds).
//! - [`diagram`]: the rule's binary decision diagram; for Boolean combinations of thresholds
//!   in any weights, while the diagram stays small (the EU's double majority).
//! - [`sums`]: dynamic programming over weight sums; for one weighted threshold, possibly with
//!   a head count, where the smaller side of the quota is not too large (the IMF).
//! - [`halves`]: meet in the middle; for the same rules in small bodies with huge weights.
//!
//! Each method's cost is estimated in seconds and bytes from its own plan; the choice is the
//! method that computes the most of the analysis (Banzhaf's and Coleman's indices first, then
//! Shapley–Shubik's, then the minimal coalitions) within the budget, the fastest among equals.
//! Every method also polls the budget while it runs. What no method can do within the budget
//! is reported as not computed, with the estimate that says why.

use super::bdd::{self, Diagram, Limit};
use super::budget::{bytes, seconds, Budget, Bug, Meter, Stop};
use super::game::Game;
use super::shape::Shape;
use super::two_measures::{self, Plane};
use super::{diagram, facts, halves, sums, types, Counts};
use std::time::Instant;

/// The method that counted a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Types,
    Diagram,
    WeightSums,
    Halves,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Types => "player types",
            Method::Diagram => "decision diagram",
            Method::WeightSums => "weight sums",
            Method::Halves => "meet in the middle",
        }
    }
}

/// A part of a rule's analysis that may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// Swings, Banzhaf's index, Coleman's powers and the power to act: one count.
    Banzhaf,
    ShapleyShubik,
    MinimalCoalitions,
    SmallestBlocking,
}

impl Part {
    /// The part's name in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Part::Banzhaf => "banzhaf",
            Part::ShapleyShubik => "shapley_shubik",
            Part::MinimalCoalitions => "minimal_coalitions",
            Part::SmallestBlocking => "smallest_blocking_coalition",
        }
    }

    /// The part's name for people.
    pub fn title(self) -> &'static str {
        match self {
            Part::Banzhaf => "Banzhaf and Coleman indices",
            Part::ShapleyShubik => "Shapley–Shubik index",
            Part::MinimalCoalitions => "minimal winning and blocking coalitions",
            Part::SmallestBlocking => "smallest blocking coalition",
        }
    }
}

/// What was computed for a rule, by which method, and what was not, with the reason.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub method: Option<Method>,
    /// The method that counted the minimal coalitions, where the first did not.
    pub minimal_method: Option<Method>,
    pub counts: Option<Counts>,
    /// The fewest objectors that defeat the rule and an example (`Some(None)`: nothing
    /// defeats it); `None` if not computed.
    pub smallest_blocking: Option<Option<Vec<usize>>>,
    pub missing: Vec<(Part, String)>,
}

// Nanoseconds per unit of each method's work, measured on the 2-core development machine
// (release build, 2026). They only rank the methods and foresee the budget; the budget
// itself is enforced by the meters.
/// Counting by types: per count vector and type (big-integer products).
const TYPES_NS: f64 = 300.0;
/// Weight sums: per table entry added, per 8 bytes of count and pass, in a table that
/// stays in the cache and in one that does not.
const SUMS_CACHED_CELL_NS: f64 = 0.7;
const SUMS_CELL_NS: f64 = 2.5;
const SUMS_CACHED_BYTES: f64 = 8e6;
/// Weight sums: per count recombined from its residues, per pass.
const SUMS_RECOMBINE_NS: f64 = 250.0;
/// Weight sums: per entry read while a player is taken out, per 8 bytes of count.
const SUMS_READ_NS: f64 = 2.0;
/// Meet in the middle: per list entry swept or table cell read.
const HALVES_NS: f64 = 2.0;
/// Meet in the middle over two measures: per step down a tree that stays in the cache and
/// one that does not (at 38 to 45 members, 70 to 150 ns a step), per count added on the
/// way, and per entry sorted and level of the sort.
const TWO_MEASURES_STEP_NS: f64 = 8.0;
const TWO_MEASURES_LARGE_STEP_NS: f64 = 70.0;
const TWO_MEASURES_ADD_NS: f64 = 2.5;
const TWO_MEASURES_SORT_NS: f64 = 10.0;
/// Diagram: per node built, while the diagram fits in the cache, and beyond.
const DIAGRAM_NODE_NS: f64 = 200.0;
const DIAGRAM_LARGE_NODE_NS: f64 = 3000.0;
const DIAGRAM_CACHED_NODES: f64 = 1e5;
/// Diagram: per count operation by size, per 4 bytes of count.
const DIAGRAM_COUNT_NS: f64 = 0.6;

/// What a two-measure plan should take, by the constants above: steps down the trees
/// (dearer when they outgrow the cache), counts added, and sorting.
fn two_measures_seconds(plan: &two_measures::Plan) -> f64 {
    let step = if plan.large_tree {
        TWO_MEASURES_LARGE_STEP_NS
    } else {
        TWO_MEASURES_STEP_NS
    };
    (plan.steps * step + plan.adds * TWO_MEASURES_ADD_NS + plan.sorted * TWO_MEASURES_SORT_NS)
        * 1e-9
}

/// Seconds a second method may always spend counting the minimal coalitions the first left
/// out (beyond half the first's time).
const COMPANION_ALLOWANCE: f64 = 0.1;
/// A diagram whose bound exceeds the budget by at most this factor is still tried when
/// nothing surer computes as much: real diagrams stay far below the bound.
const DIAGRAM_HOPE: f64 = 8.0;

#[derive(Debug, Clone)]
enum Run {
    Types,
    Sums(sums::Plan),
    /// Weight sums over [`Shape::reduced`].
    ReducedSums(sums::Plan),
    Halves(halves::Plan),
    TwoMeasures(two_measures::Plan),
    Diagram,
}

/// One way to count the rule, with what it computes and what it would cost.
#[derive(Debug, Clone)]
struct Candidate {
    method: Method,
    shapley: bool,
    minimal: bool,
    seconds: f64,
    bytes: f64,
    /// The cost is an upper bound that real rules often stay far below (the diagram's).
    bound: bool,
    run: Run,
}

impl Candidate {
    fn score(&self) -> u32 {
        4 + 2 * u32::from(self.shapley) + u32::from(self.minimal)
    }

    fn fits(&self, budget: &Budget) -> bool {
        self.seconds <= budget.time.as_secs_f64() && self.bytes <= budget.memory as f64
    }

    /// Why it does not fit the budget, in words.
    fn why_not(&self, budget: &Budget) -> String {
        if self.bytes > budget.memory as f64 {
            format!(
                "it would need about {} by {}, beyond the budget of {} per rule",
                bytes(self.bytes),
                self.method.name(),
                bytes(budget.memory as f64)
            )
        } else {
            format!(
                "it would take about {} by {}, beyond the budget of {} per rule",
                seconds(self.seconds),
                self.method.name(),
                seconds(budget.time.as_secs_f64())
            )
        }
    }
}

/// Every applicable method, in the configurations worth costing.
fn candidates(
    game: &Game,
    shape: Option<&Shape>,
    reduced: Option<&Shape>,
    plane: Option<&Plane>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if let Some(plan) = types::plan(game) {
        out.push(Candidate {
            method: Method::Types,
            shapley: true,
            minimal: true,
            seconds: plan.states as f64 * (plan.types as f64 * 2.0 + 1.0) * TYPES_NS * 1e-9,
            bytes: (game.n * game.n) as f64,
            bound: false,
            run: Run::Types,
        });
    }
    let mut shapes: Vec<(&Shape, bool)> = Vec::new();
    shapes.extend(shape.map(|s| (s, false)));
    shapes.extend(reduced.map(|s| (s, true)));
    for (shape, is_reduced) in shapes {
        let sized_options: &[bool] = if shape.headed {
            &[true]
        } else {
            &[true, false]
        };
        for &sized in sized_options {
            let [without, with] = sums::plans(shape, sized);
            for (minimal, plan) in [(true, with), (false, without)] {
                let words = plan.width as f64 / 8.0;
                // A table that stays in the cache is swept several times faster.
                let cell = if plan.bytes <= SUMS_CACHED_BYTES {
                    SUMS_CACHED_CELL_NS
                } else {
                    SUMS_CELL_NS
                };
                // Counts in residues are put back together one by one.
                let counts = if plan.sized {
                    (shape.m() * shape.m()) as f64
                } else {
                    shape.m() as f64
                };
                let recombine = if plan.passes > 1 {
                    counts * plan.passes as f64 * SUMS_RECOMBINE_NS
                } else {
                    0.0
                };
                out.push(Candidate {
                    method: Method::WeightSums,
                    shapley: plan.sized,
                    minimal,
                    seconds: ((plan.cells * cell + plan.reads * SUMS_READ_NS)
                        * words
                        * plan.passes as f64
                        + recombine)
                        * 1e-9,
                    bytes: plan.bytes,
                    bound: false,
                    run: if is_reduced {
                        Run::ReducedSums(plan)
                    } else {
                        Run::Sums(plan)
                    },
                });
            }
            // Meeting in the middle does not depend on the weights' size.
            if is_reduced {
                continue;
            }
            for minimal in [true, false] {
                if let Some(plan) = halves::plan(shape, sized, minimal) {
                    out.push(Candidate {
                        method: Method::Halves,
                        shapley: plan.sized,
                        minimal,
                        seconds: plan.work * HALVES_NS * 1e-9,
                        bytes: plan.bytes,
                        bound: false,
                        run: Run::Halves(plan),
                    });
                }
            }
        }
    }
    if let Some(plane) = plane {
        for shapley in [true, false] {
            if let Some(plan) = two_measures::plan(plane, shapley) {
                out.push(Candidate {
                    method: Method::Halves,
                    shapley: plan.sized,
                    minimal: false,
                    seconds: two_measures_seconds(&plan),
                    bytes: plan.bytes,
                    bound: false,
                    run: Run::TwoMeasures(plan),
                });
            }
        }
    }
    if game.n <= super::game::MAX_PLAYERS && bdd::within_weights(game) {
        let levels = bdd::level_bound(game);
        let nodes: f64 = levels.iter().sum();
        let dims = bdd::dimensions(game);
        let build_bytes = bdd::build_bytes(nodes, dims);
        let build_seconds = (nodes.min(DIAGRAM_CACHED_NODES) * DIAGRAM_NODE_NS
            + (nodes - DIAGRAM_CACHED_NODES).max(0.0) * DIAGRAM_LARGE_NODE_NS)
            * 1e-9;
        let n = game.n as f64;
        let words = diagram::width(game.n) as f64 / 4.0;
        let (mut sized_work, mut sized_bytes) = (0.0, 0.0);
        for (level, b) in levels.iter().enumerate() {
            let l = level as f64;
            sized_work += b * ((n - l + 1.0) * 3.0 + (l + 1.0) * (n - l + 1.0));
            sized_bytes += b * (n - l + 1.0) * diagram::width(game.n) as f64;
        }
        let minimal = bdd::comonotone(game);
        for shapley in [true, false] {
            let (work, count_bytes) = if shapley {
                (sized_work, sized_bytes)
            } else {
                (nodes * 8.0, nodes * 2.0 * diagram::width(game.n) as f64)
            };
            out.push(Candidate {
                method: Method::Diagram,
                shapley,
                minimal,
                seconds: build_seconds + work * DIAGRAM_COUNT_NS * words * 1e-9,
                bytes: build_bytes.max(count_bytes),
                bound: true,
                run: Run::Diagram,
            });
        }
    }
    out
}

/// Counts the rule's game within the budget by the method that computes most of it.
pub fn compute(game: &Game, budget: &Budget) -> Outcome {
    if let Err(bug) = game.check() {
        let reason = format!("internal error in the rule's game: {bug} (please report)");
        return Outcome {
            method: None,
            minimal_method: None,
            counts: None,
            smallest_blocking: None,
            missing: [
                Part::Banzhaf,
                Part::ShapleyShubik,
                Part::MinimalCoalitions,
                Part::SmallestBlocking,
            ]
            .into_iter()
            .map(|part| (part, reason.clone()))
            .collect(),
        };
    }
    let start = Instant::now();
    let deadline = start + budget.time;
    let shape = Shape::of(game);
    let reduced = shape.as_ref().and_then(Shape::reduced);
    let shapes = Shapes {
        plain: shape.as_ref(),
        reduced: reduced.as_ref(),
    };
    let plane = match shape {
        Some(_) => None,
        None => Plane::of(game),
    };
    let all = candidates(game, shapes.plain, shapes.reduced, plane.as_ref());
    let better = |a: &&Candidate, b: &&Candidate| {
        a.score()
            .cmp(&b.score())
            .then(b.seconds.total_cmp(&a.seconds))
    };
    // The sure choice: Shapley–Shubik's index if any method fits it in, and among those the
    // fastest, unless one that also counts the minimal coalitions takes at most about twice
    // as long.
    let fitting: Vec<&Candidate> = all.iter().filter(|c| c.fits(budget)).collect();
    let shapley = fitting.iter().any(|c| c.shapley);
    let fastest = fitting
        .iter()
        .filter(|c| c.shapley == shapley)
        .map(|c| c.seconds)
        .fold(f64::INFINITY, f64::min);
    let sure = fitting
        .iter()
        .copied()
        .filter(|c| c.shapley == shapley && c.seconds <= 2.0 * fastest + 0.1)
        .max_by(better);
    // A diagram beyond its bound's budget may still be small: worth a try when it would
    // compute an index the sure choice cannot (minimal coalitions alone are not worth the
    // gamble), and its bound is not hopeless.
    let hopeful = all
        .iter()
        .filter(|c| {
            c.bound
                && !c.fits(budget)
                && c.bytes <= budget.memory as f64 * DIAGRAM_HOPE
                && c.seconds <= budget.time.as_secs_f64() * DIAGRAM_HOPE
                && sure.is_none_or(|s| c.shapley && !s.shapley)
        })
        .max_by(better);
    let mut attempts: Vec<&Candidate> = hopeful.into_iter().chain(sure).collect();
    attempts.dedup_by(|a, b| a.method == b.method && a.shapley == b.shapley);
    let mut outcome = Outcome {
        method: None,
        minimal_method: None,
        counts: None,
        smallest_blocking: facts::smallest_blocking(game),
        missing: Vec::new(),
    };
    let mut failure: Option<(Method, Stop)> = None;
    let mut shapley_note: Option<String> = None;
    let tries = attempts.len();
    for (k, candidate) in attempts.iter().enumerate() {
        // A hopeful first try leaves half the time to the sure one after it.
        let until = if k + 1 < tries {
            start + budget.time / 2
        } else {
            deadline
        };
        let mut meter = Meter::until(until, budget.memory);
        match run(game, &shapes, plane.as_ref(), candidate, &mut meter) {
            Ok((counts, note)) => {
                outcome.method = Some(candidate.method);
                outcome.counts = Some(counts);
                shapley_note = note;
                break;
            }
            Err(stop) => failure = Some((candidate.method, stop)),
        }
    }
    // Minimal coalitions the chosen method does not count, by the cheapest method that does,
    // if that costs little beside the indices (at most half as long again) and fits in the
    // time left.
    let chosen_seconds = attempts.last().map_or(0.0, |c| c.seconds);
    let mut minimal_note: Option<String> = None;
    if let Some(counts) = outcome
        .counts
        .as_mut()
        .filter(|c| c.minimal_winning.is_none())
    {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        let cheapest = all
            .iter()
            .filter(|c| c.minimal && c.fits(budget) && c.seconds <= left)
            .min_by(|a, b| a.bound.cmp(&b.bound).then(a.seconds.total_cmp(&b.seconds)));
        match cheapest {
            Some(c) if c.seconds <= 0.5 * chosen_seconds + COMPANION_ALLOWANCE => {
                let mut meter = Meter::until(deadline, budget.memory);
                match run(game, &shapes, plane.as_ref(), c, &mut meter) {
                    Ok((more, _)) if more.minimal_winning.is_some() => {
                        counts.minimal_winning = more.minimal_winning;
                        counts.minimal_blocking = more.minimal_blocking;
                        outcome.minimal_method = Some(c.method);
                    }
                    Ok(_) => {}
                    Err(stop) => minimal_note = Some(ran_out(c.method, stop, budget)),
                }
            }
            Some(c) => {
                minimal_note = Some(format!(
                    "left out to keep the analysis short: {} would count them in about {} more",
                    c.method.name(),
                    seconds(c.seconds)
                ));
            }
            None => {}
        }
    }
    if outcome.smallest_blocking.is_none() {
        outcome.smallest_blocking = outcome
            .counts
            .as_ref()
            .and_then(|c| c.smallest_blocking.clone());
    }
    let reason = |part_of: &dyn Fn(&Candidate) -> bool| -> String {
        if let (Some((method, stop)), None) = (failure, &outcome.counts) {
            return ran_out(method, stop, budget);
        }
        match all
            .iter()
            .filter(|c| part_of(c))
            .min_by(|a, b| a.seconds.total_cmp(&b.seconds))
        {
            Some(c) if !c.fits(budget) => c.why_not(budget),
            Some(_) => match failure {
                Some((method, stop)) => ran_out(method, stop, budget),
                None => "the chosen method does not compute it".to_string(),
            },
            None if all.is_empty() => "no exact method takes this rule: its weights add up to \
                                        more than 2^62, and its members are too many and too \
                                        varied to count by kinds"
                .to_string(),
            None => "no method counts it for this rule".to_string(),
        }
    };
    match &outcome.counts {
        None => {
            outcome.missing.push((Part::Banzhaf, reason(&|_| true)));
            outcome
                .missing
                .push((Part::ShapleyShubik, reason(&|c| c.shapley)));
        }
        Some(counts) => {
            if counts.swings_by_size.is_none() {
                let why = shapley_note
                    .clone()
                    .unwrap_or_else(|| reason(&|c| c.shapley));
                outcome.missing.push((Part::ShapleyShubik, why));
            }
        }
    }
    if outcome
        .counts
        .as_ref()
        .is_none_or(|c| c.minimal_winning.is_none())
    {
        let why = if let Some(note) = minimal_note.clone() {
            note
        } else if all.iter().any(|c| c.minimal) {
            reason(&|c| c.minimal)
        } else {
            "counting them without listing them needs one ranking of the members that orders \
             every threshold alike, or few kinds of members"
                .to_string()
        };
        outcome.missing.push((Part::MinimalCoalitions, why));
    }
    if outcome.smallest_blocking.is_none() {
        outcome.missing.push((
            Part::SmallestBlocking,
            "the rule is an \"or\" of thresholds that rank the members differently, and no \
             method counted it within the budget"
                .to_string(),
        ));
    }
    outcome.missing.sort_by_key(|(part, _)| *part);
    outcome
}

pub(super) fn ran_out(method: Method, stop: Stop, budget: &Budget) -> String {
    match stop {
        Stop::Time => format!(
            "{} ran past the budget of {} per rule",
            method.name(),
            seconds(budget.time.as_secs_f64())
        ),
        Stop::Memory => format!(
            "{} outgrew the budget of {} per rule",
            method.name(),
            bytes(budget.memory as f64)
        ),
        Stop::Bug(bug) => format!(
            "internal error in the {} method: {bug} (please report)",
            method.name()
        ),
    }
}

/// The game in the one-measure form, as given and measured above its lightest player.
struct Shapes<'s> {
    plain: Option<&'s Shape>,
    reduced: Option<&'s Shape>,
}

/// Runs a candidate; with the counts, why Shapley–Shubik's index was left out after all if
/// it was (the diagram turned out too large to count by size).
fn run(
    game: &Game,
    shapes: &Shapes,
    plane: Option<&Plane>,
    c: &Candidate,
    meter: &mut Meter,
) -> Result<(Counts, Option<String>), Stop> {
    if let (Run::TwoMeasures(plan), Some(plane)) = (&c.run, plane) {
        return Ok((two_measures::count(plane, plan, meter)?, None));
    }
    let shape = shapes.plain;
    if let (Run::ReducedSums(plan), Some(reduced)) = (&c.run, shapes.reduced) {
        return Ok((sums::count(reduced, plan, meter)?.lift(reduced)?, None));
    }
    match (&c.run, shape) {
        (Run::Types, _) => Ok((
            types::count_by_types(game, meter).unwrap_or(Err(Stop::Bug(Bug(
                "player types do not apply to this rule",
            ))))?,
            None,
        )),
        (Run::Sums(plan), Some(shape)) => Ok((sums::count(shape, plan, meter)?.lift(shape)?, None)),
        (Run::Halves(plan), Some(shape)) => {
            Ok((halves::count(shape, plan, meter)?.lift(shape)?, None))
        }
        (Run::Diagram, _) => {
            let d = Diagram::build(game, meter).map_err(|limit| match limit {
                Limit::Stopped(stop) => stop,
                Limit::Players(_) | Limit::Weights => {
                    Stop::Bug(Bug("the diagram refused a rule the plan gave it"))
                }
            })?;
            // Now the diagram's true size is known: count by size if that fits.
            let left = meter
                .deadline()
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            let words = diagram::width(d.n) as f64 / 4.0;
            let (need, take) = (
                diagram::sized_bytes(&d),
                diagram::sized_work(&d) * DIAGRAM_COUNT_NS * words * 1e-9,
            );
            let nodes = d.nodes.len();
            let note = if !c.shapley {
                None
            } else if need > meter.memory() as f64 {
                Some(format!(
                    "counting by size on the rule's decision diagram of {nodes} nodes would need \
                     about {}, beyond the budget of {} per rule",
                    bytes(need),
                    bytes(meter.memory() as f64)
                ))
            } else if take > left {
                Some(format!(
                    "counting by size on the rule's decision diagram of {nodes} nodes would \
                     take about {}, beyond the time left",
                    seconds(take)
                ))
            } else {
                None
            };
            let counts = diagram::count(&d, c.shapley && note.is_none(), c.minimal, meter)?;
            Ok((counts, note))
        }
        (Run::Sums(_) | Run::ReducedSums(_) | Run::Halves(_) | Run::TwoMeasures(_), _) => Err(
            Stop::Bug(Bug("the plan's method does not take the rule's shape")),
        ),
    }
}
