//! The exact analysis of small generated bodies against brute force over every coalition,
//! with the evaluation core (`decision::coalition_wins`) as the definition of winning, as in
//! `src/analysis/tests.rs`. The bytes choose the members' weights, the rule (an and / or tree
//! of every kind of requirement) and whether one member's vote is excluded. The report of
//! `treaty analyze` is checked, whichever method its planner chose for the rule (the
//! differential tests in `src/analysis/tests.rs` hold every method against the others).
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty::analysis::analyze;
use treaty::decision::coalition_wins;
use treaty::model::{PartyId, Treaty};

/// Reads the fuzzer's bytes as choices; zeros once they run out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: u64) -> u64 {
        let wide = u64::from(self.byte()) << 8 | u64::from(self.byte());
        wide % n.max(1)
    }
}

fn atom(c: &mut Choices, n: usize, total: u64) -> String {
    let fraction = |c: &mut Choices| {
        let d = 1 + c.below(12);
        format!("{}/{}", c.below(d + 1), d)
    };
    let base = |c: &mut Choices| {
        ["members", "members present and voting", "votes cast", "members present"]
            [c.below(4) as usize]
    };
    match c.below(12) {
        0 => "consensus".into(),
        1 => format!("unanimity of {}", base(c)),
        2 => format!("at least {} of {}", fraction(c), base(c)),
        3 => format!("more than {} of {}", fraction(c), base(c)),
        4 => format!("more than {}% of weight of members", c.below(101)),
        5 => format!("at least {} of population of {}", fraction(c), base(c)),
        6 => format!("at least {} members", c.below(n as u64 + 2)),
        7 => format!("more than {} votes", c.below(n as u64 + 1)),
        8 => format!("at least {} weighted votes", c.below(total + 2)),
        9 => "no objection from holders".into(),
        10 => format!("fewer than {} members against", c.below(n as u64 + 1)),
        _ => format!("a majority of {}", base(c)),
    }
}

fn rule(c: &mut Choices, n: usize, total: u64, depth: u32) -> String {
    if depth == 0 || c.below(3) == 0 {
        return atom(c, n, total);
    }
    let joiner = if c.below(2) == 0 { " and " } else { " or " };
    let parts: Vec<String> = (0..2 + c.below(2))
        .map(|_| format!("({})", rule(c, n, total, depth - 1)))
        .collect();
    parts.join(joiner)
}

/// What brute force finds: coalitions that win, each member's swings (in all and by the size
/// of the coalition it joins), the smallest blocking coalition's size.
struct Counts {
    winning: u64,
    swings: Vec<u64>,
    swings_by_size: Vec<Vec<u64>>,
    smallest_blocking: Option<usize>,
}

fn brute(t: &Treaty, excluded: &[PartyId]) -> (Counts, Vec<bool>) {
    let body = &t.bodies[0];
    let rule = &body.decisions[0];
    let n = body.members.len();
    let wins = |mask: u64| {
        let yes: Vec<bool> = (0..n).map(|i| mask >> i & 1 == 1).collect();
        coalition_wins(body, rule, &yes, excluded)
    };
    let mut winning = 0u64;
    let mut swings = vec![0u64; n];
    let mut by_size = vec![vec![0u64; n]; n];
    let mut smallest: Option<usize> = None;
    for mask in 0..(1u64 << n) {
        let w = wins(mask);
        if w {
            winning += 1;
        } else {
            let objectors = n - mask.count_ones() as usize;
            smallest = Some(smallest.map_or(objectors, |s| s.min(objectors)));
        }
        for i in 0..n {
            if mask >> i & 1 == 0 && !w && wins(mask | 1 << i) {
                swings[i] += 1;
                by_size[i][mask.count_ones() as usize] += 1;
            }
        }
    }
    let all = (1u64 << n) - 1;
    let vetoes = (0..n)
        .map(|i| !excluded.contains(&body.members[i]) && !wins(all & !(1 << i)))
        .collect();
    let counts = Counts {
        winning,
        swings,
        swings_by_size: by_size,
        smallest_blocking: smallest,
    };
    (counts, vetoes)
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn fraction(num: u128, den: u128) -> String {
    let g = gcd(num, den);
    if g == 0 {
        return format!("{num}/{den}");
    }
    format!("{}/{}", num / g, den / g)
}

fuzz_target!(|data: &[u8]| {
    let mut c = Choices(data);
    let n = 1 + c.below(10) as usize;
    let weights: Vec<u64> = (0..n).map(|_| c.below(50)).collect();
    let total: u64 = weights.iter().sum();
    let mut text = String::new();
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {w}, population {}\n",
            c.below(100_000)
        ));
    }
    text.push_str("parties all parties\n");
    let holders: Vec<String> = (0..n).filter(|_| c.below(3) == 0).map(|i| format!("P{i}")).collect();
    let holders = if holders.is_empty() { vec!["P0".to_string()] } else { holders };
    text.push_str(&format!("class holders = {}\n", holders.join(", ")));
    let mut rule_text = rule(&mut c, n, total, 3);
    let excluded = if c.below(3) == 0 {
        rule_text.push_str(" excluding the accused party");
        vec![PartyId(c.below(n as u64) as u32)]
    } else {
        Vec::new()
    };
    text.push_str(&format!("body b {{ decides d by {rule_text} }}\n"));
    let report = treaty::check_source("t.treaty", &text, &[]);
    let errors = report
        .diagnostics
        .iter()
        .any(|d| d.code.is_input_error());
    let Some(t) = report.treaties.first() else {
        return;
    };
    if errors || t.bodies.first().is_none_or(|b| b.decisions.is_empty()) {
        // Rules the checker refuses (a quota out of reach) are its business, not this test's.
        return;
    }
    let label = format!("{rule_text}; weights {weights:?}; excluded {excluded:?}");
    let (want, vetoes) = brute(t, &excluded);
    // The report, as `treaty analyze` prints it.
    let analysis = analyze(t, "t.treaty", None, &excluded);
    let d = &analysis.bodies[0].decisions[0];
    // Ten members are far within every budget: everything is computed.
    assert!(d.not_computed.is_empty(), "{label}: {:?}", d.not_computed);
    let all = 1u128 << n;
    let act = d.power_to_act.as_ref().map(ToString::to_string);
    assert_eq!(act, Some(fraction(u128::from(want.winning), all)), "{label}");
    let factorial = |k: usize| (1..=k as u128).product::<u128>();
    for (i, p) in d.parties.iter().enumerate() {
        assert_eq!(p.swings, want.swings[i].to_string(), "{label}: P{i}");
        let ss: u128 = want.swings_by_size[i]
            .iter()
            .enumerate()
            .map(|(s, c)| {
                u128::from(*c) * factorial(s) * factorial(n - 1 - s)
            })
            .sum();
        let shapley = p.shapley_shubik.as_ref().map(ToString::to_string);
        assert_eq!(shapley, Some(fraction(ss, factorial(n))), "{label}: P{i}");
        assert_eq!(p.veto, vetoes[i], "{label}: P{i} veto");
    }
    assert_eq!(d.smallest_blocking_coalition, want.smallest_blocking, "{label}");
});
