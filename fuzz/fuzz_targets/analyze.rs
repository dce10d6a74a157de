//! The exact analysis of small generated bodies against brute force over every coalition,
//! with the evaluation core (`decision::coalition_wins`) as the definition of winning, as in
//! `src/analysis/tests.rs`. The bytes choose the members' weights, the rule (an and / or tree
//! of every kind of requirement) and whether one member's vote is excluded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty::analysis::bdd::Diagram;
use treaty::analysis::game::Game;
use treaty::analysis::{analyze, count, count_by_types, Counts};
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
        n,
        winning: winning.into(),
        swings: swings.into_iter().map(Into::into).collect(),
        swings_by_size: by_size
            .into_iter()
            .map(|row| row.into_iter().map(Into::into).collect())
            .collect(),
        smallest_blocking: smallest.map(|s| vec![0; s]),
        alike: (0..n).collect(),
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

fn assert_counts(method: &str, got: &Counts, want: &Counts, label: &str) {
    assert_eq!(got.winning, want.winning, "{method}: {label}");
    assert_eq!(got.swings, want.swings, "{method}: {label}");
    assert_eq!(got.swings_by_size, want.swings_by_size, "{method}: {label}");
    assert_eq!(
        got.smallest_blocking.as_ref().map(Vec::len),
        want.smallest_blocking.as_ref().map(Vec::len),
        "{method}: {label}"
    );
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
    let body = &t.bodies[0];
    let game = Game::from_rule(body, &body.decisions[0], &excluded);
    let diagram = Diagram::build(&game).expect("small games build");
    assert_counts("diagram", &count(&diagram), &want, &label);
    if let Some(by_types) = count_by_types(&game) {
        assert_counts("types", &by_types, &want, &label);
    }
    // The report, as `treaty analyze` prints it.
    let analysis = analyze(t, "t.treaty", None, &excluded);
    let d = &analysis.bodies[0].decisions[0];
    assert!(d.not_computed.is_none(), "{label}: {:?}", d.not_computed);
    let all = 1u128 << n;
    let winning: u128 = want.winning.to_string().parse().unwrap_or(0);
    assert_eq!(d.power_to_act.to_string(), fraction(winning, all), "{label}");
    let factorial = |k: usize| (1..=k as u128).product::<u128>();
    for (i, p) in d.parties.iter().enumerate() {
        assert_eq!(p.swings, want.swings[i].to_string(), "{label}: P{i}");
        let ss: u128 = want.swings_by_size[i]
            .iter()
            .enumerate()
            .map(|(s, c)| {
                c.to_string().parse::<u128>().unwrap_or(0) * factorial(s) * factorial(n - 1 - s)
            })
            .sum();
        assert_eq!(p.shapley_shubik.to_string(), fraction(ss, factorial(n)), "{label}: P{i}");
        assert_eq!(p.veto, vetoes[i], "{label}: P{i} veto");
    }
    assert_eq!(
        d.smallest_blocking_coalition,
        want.smallest_blocking.as_ref().map(Vec::len),
        "{label}"
    );
});
