//! The time and memory a rule's analysis may take. Every method is costed against the budget
//! before it starts ([`super::plan`]), and polls a [`Meter`] in its inner loops while it runs,
//! so that a rule beyond the budget is reported as not computed within moments instead of
//! hanging or exhausting memory.

use std::time::{Duration, Instant};

/// What one decision rule's analysis may spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub time: Duration,
    /// Bytes of working memory (tables, diagrams) beyond the report itself.
    pub memory: usize,
}

impl Default for Budget {
    /// Ten seconds and one GiB per rule.
    fn default() -> Budget {
        Budget {
            time: Duration::from_secs(10),
            memory: 1 << 30,
        }
    }
}

impl Budget {
    /// The budget in words: "10 s and 1 GiB".
    pub fn describe(&self) -> String {
        format!(
            "{} and {}",
            seconds(self.time.as_secs_f64()),
            bytes(self.memory as f64)
        )
    }
}

/// Why a method stopped before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The deadline passed.
    Time,
    /// The method's tables would outgrow the memory budget.
    Memory,
    /// The method found one of its invariants broken.
    Bug(Bug),
}

/// A broken invariant of the analysis (an index beyond its table, counts that do not cover
/// every member): what the method expected. It stops the method like the budget does, and
/// the report lists the part as not computed, with a plea to report it, instead of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bug(pub &'static str);

impl std::fmt::Display for Bug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl From<Bug> for Stop {
    fn from(bug: Bug) -> Stop {
        Stop::Bug(bug)
    }
}

/// `list[i]`, or the bug `what` if the list is shorter: for lookups by index that the
/// method's own invariants keep within bounds, whose failure must stop the method rather than
/// read as a zero.
#[inline]
pub fn at<T: Copy>(list: &[T], i: usize, what: &'static str) -> Result<T, Bug> {
    match list.get(i) {
        Some(x) => Ok(*x),
        None => Err(Bug(what)),
    }
}

/// How often (in units of work) the clock is read: often enough to stop within a few
/// milliseconds, rarely enough that reading it costs nothing measurable.
const CHECK_EVERY: u64 = 1 << 16;

/// The running budget of one method: a deadline, polled every [`CHECK_EVERY`] units of work,
/// and the memory it may hold.
#[derive(Debug, Clone)]
pub struct Meter {
    deadline: Instant,
    memory: usize,
    work: u64,
}

impl Meter {
    pub fn new(budget: &Budget) -> Meter {
        Meter::until(Instant::now() + budget.time, budget.memory)
    }

    pub fn until(deadline: Instant, memory: usize) -> Meter {
        Meter {
            deadline,
            memory,
            work: 0,
        }
    }

    /// Counts `units` of work done; past the deadline, stops.
    #[inline]
    pub fn tick(&mut self, units: u64) -> Result<(), Stop> {
        self.work = self.work.saturating_add(units);
        if self.work >= CHECK_EVERY {
            self.work = 0;
            if Instant::now() >= self.deadline {
                return Err(Stop::Time);
            }
        }
        Ok(())
    }

    /// Whether `bytes` of working memory fit the budget.
    pub fn hold(&self, bytes: f64) -> Result<(), Stop> {
        if bytes > self.memory as f64 {
            Err(Stop::Memory)
        } else {
            Ok(())
        }
    }

    pub fn memory(&self) -> usize {
        self.memory
    }

    pub fn deadline(&self) -> Instant {
        self.deadline
    }
}

/// "0.4 s", "12 s", "3 min", "5 h", "40 days": an estimate's order of magnitude in words.
pub fn seconds(s: f64) -> String {
    if !s.is_finite() || s > 86_400.0 * 365.0 * 100.0 {
        "more than a century".to_string()
    } else if s < 1.0 {
        format!("{s:.1} s")
    } else if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 7_200.0 {
        format!("{:.0} min", s / 60.0)
    } else if s < 172_800.0 {
        format!("{:.0} h", s / 3_600.0)
    } else {
        format!("{:.0} days", s / 86_400.0)
    }
}

/// "512 MiB", "1 GiB", "4.1 GiB", "2.0e6 GiB".
pub fn bytes(b: f64) -> String {
    const MIB: f64 = (1u64 << 20) as f64;
    const GIB: f64 = (1u64 << 30) as f64;
    if b < GIB {
        format!("{:.0} MiB", (b / MIB).max(1.0))
    } else if b < 10.0 * GIB && (b / GIB).fract() != 0.0 {
        format!("{:.1} GiB", b / GIB)
    } else if b < 1e6 * GIB {
        format!("{:.0} GiB", b / GIB)
    } else {
        format!("{:.1e} GiB", b / GIB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_amounts() {
        assert_eq!(seconds(0.42), "0.4 s");
        assert_eq!(seconds(58.0), "58 s");
        assert_eq!(seconds(600.0), "10 min");
        assert_eq!(seconds(1e30), "more than a century");
        assert_eq!(bytes((1u64 << 30) as f64), "1 GiB");
        assert_eq!(bytes(4.4e9), "4.1 GiB");
        assert_eq!(bytes(3.0 * (1u64 << 20) as f64), "3 MiB");
        assert_eq!(Budget::default().describe(), "10 s and 1 GiB");
    }

    #[test]
    fn a_past_deadline_stops_the_next_check() {
        let mut meter = Meter::until(Instant::now(), 1 << 20);
        assert_eq!(meter.tick(CHECK_EVERY), Err(Stop::Time));
        assert_eq!(meter.hold(2e6), Err(Stop::Memory));
        assert_eq!(meter.hold(1e3), Ok(()));
    }
}
