//! "Did you mean": the declared name or keyword closest to a misspelt one. One bounded
//! search serves the resolver (unknown names) and the syntax errors (misspelt keywords), so
//! that no input, however long or however many its unknown names, makes the hints costly.

/// Words longer than this get no suggestion: no one misspells them by hand, and comparing
/// them costs their length squared.
const MAX_SUGGESTED_LEN: usize = 64;

/// The work all hints of one file may do together (candidates looked at plus letters
/// compared), so that thousands of unknown names among thousands of declared ones stay
/// linear; past it, errors are still reported, without a suggestion.
pub(crate) const FILE_BUDGET: usize = 20_000_000;

/// The candidate closest to `word`, within a third of its length (at least one edit; none
/// for a word of fewer than three letters), the alphabetically first of equals; spends
/// `budget` and gives up when it runs out.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<&'a str> {
    let wanted: Vec<char> = word.chars().collect();
    // A name of one or two letters (a party code) is one edit from every other such name:
    // no suggestion is better than a guess.
    if wanted.len() > MAX_SUGGESTED_LEN || wanted.len() < 3 {
        return None;
    }
    let max = word.len().max(3) / 3;
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let len = candidate.chars().count();
        if len.abs_diff(wanted.len()) > max || len > MAX_SUGGESTED_LEN || candidate == word {
            continue;
        }
        *budget = budget.saturating_sub(len * wanted.len());
        let Some(d) = edit_distance_within(&wanted, candidate, max) else {
            continue;
        };
        if best.is_none_or(|(bd, bn)| (d, candidate) < (bd, bn)) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, n)| n)
}

/// Levenshtein distance between `a` and `b`, if it is at most `max`: for "did you mean"
/// hints. The search stops at the first row whose every entry exceeds `max`.
fn edit_distance_within(a: &[char], b: &str, max: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        let mut smallest = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let value = (prev + cost)
                .min(above.saturating_add(1))
                .min(left.saturating_add(1));
            prev = above;
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = value;
            }
            smallest = smallest.min(value);
        }
        if smallest > max {
            return None;
        }
    }
    row.last().copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
        edit_distance_within(&a.chars().collect::<Vec<_>>(), b, max)
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("", "abc", 3), Some(3));
        assert_eq!(distance("abc", "", 2), None);
        assert_eq!(distance("same", "same", 0), Some(0));
        assert_eq!(distance("russia", "rusia", 2), Some(1));
    }

    #[test]
    fn the_closest_candidate_within_reach() {
        let mut budget = FILE_BUDGET;
        let words = ["party", "parties", "procedure", "principle"];
        assert_eq!(closest("partty", words, &mut budget), Some("party"));
        assert_eq!(closest("procedur", words, &mut budget), Some("procedure"));
        assert_eq!(closest("zzz", words, &mut budget), None);
        // An exact match is no suggestion.
        assert_eq!(closest("party", words, &mut budget), None);
        let mut spent = 0;
        assert_eq!(closest("partty", words, &mut spent), None);
    }
}
