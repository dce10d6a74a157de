//! How generated messages put lists and numbers into words: `A, B and C`, `1 scenario` but
//! `2 scenarios`, `Alpha can` but `each of Alpha and Beta can`. Every message that names a
//! count or a list of parties goes through here, so that number agreement is decided once.

/// Joins names for a message: `A`, `A and B`, `A, B and C`.
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// [`and_list`] of at most `cap` names, the rest counted: `A, B, C and 5 others`.
pub(crate) fn and_list_capped<S: AsRef<str>>(items: &[S], cap: usize) -> String {
    if items.len() <= cap.max(1) {
        return and_list(items);
    }
    let shown: Vec<&str> = items.iter().take(cap.max(1)).map(AsRef::as_ref).collect();
    let rest = items.len() - shown.len();
    format!(
        "{} and {}",
        shown.join(", "),
        counted(rest, "other", "others")
    )
}

/// A count with its noun in the right number: `1 scenario`, `0 scenarios`, `2 scenarios`.
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", by_number(n, one, many))
}

/// The singular form for one, the plural otherwise: a verb (`ratifies` / `ratify`) or a
/// noun shown without its count.
pub(crate) fn by_number<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Who among a list can do something alone: `Alpha can`, `each of Alpha and Beta can`,
/// with the list capped at `cap` names.
pub(crate) fn each_of<S: AsRef<str>>(items: &[S], cap: usize) -> String {
    match items {
        [one] => one.as_ref().to_string(),
        _ => format!("each of {}", and_list_capped(items, cap)),
    }
}

/// Small numbers in words, as a reader says them: `two parties`, not `2 parties`.
pub(crate) fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_one_two_and_many() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["Norway"]), "Norway");
        assert_eq!(and_list(&["Norway", "Sweden"]), "Norway and Sweden");
        assert_eq!(
            and_list(&["Norway", "Sweden", "Finland"]),
            "Norway, Sweden and Finland"
        );
    }

    #[test]
    fn capped_lists_count_the_rest_once() {
        let five = ["A", "B", "C", "D", "E"];
        assert_eq!(and_list_capped(&five, 5), "A, B, C, D and E");
        assert_eq!(and_list_capped(&five, 4), "A, B, C, D and 1 other");
        assert_eq!(and_list_capped(&five, 3), "A, B, C and 2 others");
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(0, "scenario", "scenarios"), "0 scenarios");
        assert_eq!(counted(1, "scenario", "scenarios"), "1 scenario");
        assert_eq!(counted(2, "scenario", "scenarios"), "2 scenarios");
        assert_eq!(by_number(1, "ratifies", "ratify"), "ratifies");
        assert_eq!(by_number(3, "ratifies", "ratify"), "ratify");
    }

    #[test]
    fn each_of_is_said_only_of_several() {
        assert_eq!(each_of(&["Norway"], 8), "Norway");
        assert_eq!(
            each_of(&["Norway", "Sweden"], 8),
            "each of Norway and Sweden"
        );
        assert_eq!(
            each_of(&["A", "B", "C", "D"], 2),
            "each of A, B and 2 others"
        );
    }

    #[test]
    fn small_numbers_in_words() {
        assert_eq!(number_word(2), "two");
        assert_eq!(number_word(10), "ten");
        assert_eq!(number_word(38), "38");
    }
}
