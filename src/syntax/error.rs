//! Pest's errors in the words of the language's users.

use super::Rule;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::error::{ErrorVariant, InputLocation};

/// What a grammar rule is called in a message ("a decision rule", not `rule_expr`). The
/// match has no catch-all: a grammar rule added without a description does not compile.
pub fn describe_rule(rule: Rule) -> &'static str {
    match rule {
        // Silent rules are never reported by name (pest reports their parts); described all
        // the same, should that change.
        Rule::WHITESPACE => "a space",
        Rule::COMMENT => "a comment",
        Rule::kw_char | Rule::keyword => "a word",
        Rule::string_inner => "the text of a string",
        Rule::amount => "a number or a blank such as `(X)`",
        Rule::header_field => "`date`, `status`, `source`, `baseline` or `encoding partial`",
        Rule::article_note => {
            "`from \"...\"`, `unverified \"...\"`, `practice \"...\"` or `not encoded \"...\"`"
        }
        Rule::role_name => "a role (`requesting party`, `attacked party`, `aggressor`, ...)",
        Rule::body_field => "`members`, `convened by`, `quorum` or `decides`",
        Rule::rule_modifier => {
            "`excluding`, `abstention`, `binding`, `failing that`, `carried out by`, `burden shared`, `within`, `for every matter`, `save as otherwise provided` or `unverified`"
        }
        Rule::rule_atom => "a decision rule",
        Rule::norm_field => {
            "a clause of a norm (`each party shall \"...\"`, `toward`, `when`, `standard`, ...)"
        }
        Rule::procedure_field => {
            "a clause of a procedure (`initiated by`, `when`, `participants`, `leads to`, ...)"
        }
        Rule::withdrawal_field => "`by`, `notice`, `when` or `after N years in force`",
        // Header and final clauses.
        Rule::preamble_kw => "`preamble`",
        Rule::draft => "`draft`",
        Rule::signed => "`signed`",
        Rule::in_force => "`in force`",
        Rule::terminated => "`terminated`",
        Rule::political => "`political commitment`",
        Rule::encoding_field => "`encoding partial \"...\"`",
        Rule::signatories_decl => "`signatories`",
        Rule::majority_of_signatories => "`ratification by a majority of signatories`",
        Rule::on_signature => "`on signature`",
        Rule::entry_delay => "a delay (`180 days`) before `after`",
        Rule::entry_floor => "`not earlier than N years after opening for signature`",
        Rule::ratification_rule => "`ratification by RULE`",
        Rule::accession_by_all => "`all parties`",
        Rule::including_list => "`including A, B`",
        Rule::reading_decl => "`reading`",
        Rule::reading_rule => "`body NAME decides ...`",
        // Parties.
        Rule::attr_name => "an attribute name such as `population` or `joined`",
        Rule::dated_member => "`MEMBER since DATE`",
        Rule::parties_kw => "`parties`",
        Rule::joined_when => "`after` or `before`",
        Rule::as_of => "`as of DATE`",
        // Articles.
        Rule::practice_field => "`practice \"...\"`",
        Rule::not_encoded_field => "`not encoded \"...\"`",
        // Who.
        Rule::any_party => "`any party`",
        Rule::each_party => "`each party`",
        Rule::all_parties_actor => "`all parties`",
        Rule::another_party => "`another party`",
        Rule::all_other_parties => "`all other parties`",
        Rule::role => "a role such as `the requesting party`",
        Rule::requesting_party => "`requesting party`",
        Rule::requested_party => "`requested party`",
        Rule::attacked_party => "`attacked party`",
        Rule::initiating_party => "`initiating party`",
        Rule::aggressor => "`aggressor`",
        Rule::accused => "`accused`",
        Rule::depositary => "`depositary`",
        Rule::dispute_parties => "`parties to the dispute`",
        Rule::itself => "`itself`",
        Rule::nobody => "`nobody`",
        Rule::and_others => "`and other states`",
        // Bodies and decision rules.
        Rule::on_request => "`on request of`",
        Rule::with_support => "`with support of`",
        Rule::fallback => "`failing that \"...\"`",
        Rule::abstention_blocks => "`blocks` or `counts as no`",
        Rule::abstention_neutral => "`does not block`",
        Rule::no_consent => "`no consent required`",
        Rule::fewer_than => "`fewer than`",
        Rule::at_most => "`at most`",
        Rule::comparison | Rule::at_least | Rule::more_than => "`at least` or `more than`",
        Rule::weighted_votes => "`weighted votes`",
        Rule::weight_share => "an attribute such as `population`",
        Rule::subset_share => "some of the members (`members not on BODY`)",
        Rule::subset_not_on => "`not on`",
        Rule::subset_on => "`on`",
        Rule::subset_other_than => "`other than`",
        Rule::kw_on => "`on`",
        Rule::fallback_body => "`BODY by RULE`",
        Rule::every_matter => "`for every matter`",
        Rule::save_otherwise => "`save as otherwise provided`",
        Rule::fallback_agreement => "`by further agreement`",
        Rule::kw_in => "`in`",
        Rule::kw_than => "`than`",
        Rule::present_and_voting => "`members present and voting`",
        Rule::votes_cast => "`votes cast`",
        Rule::members_present => "`members present`",
        Rule::members_base => "`members`",
        Rule::percent => "a percentage such as `55%`",
        Rule::ratio => "a fraction such as `2/3`",
        Rule::fraction_words => "a fraction in words such as `two thirds`",
        Rule::numerator_word => "a number word such as `two`",
        Rule::denominator_word => "a fraction word such as `thirds`",
        // Norms.
        Rule::threshold_field => "`threshold N \"unit\"`",
        Rule::per_activity => "`per activity`",
        Rule::aggregated_field => "`aggregated \"...\"`",
        Rule::verified_field => "`verified by \"...\"`",
        Rule::guarantee_field => "`guarantee entitlement|undertaking|means-left|automatic`",
        Rule::guarantee_level => "`entitlement`, `undertaking`, `means-left` or `automatic`",
        Rule::entitlement => "`entitlement`",
        Rule::undertaking => "`undertaking`",
        Rule::means_left => "`means-left`",
        Rule::automatic => "`automatic`",
        Rule::restates_field => "`restates \"...\"`",
        Rule::conflicts_field => "`conflicts with article N of \"file.treaty\"`",
        Rule::immediately => "`immediately`",
        Rule::carried_out => "`carried out by ...`",
        Rule::burden_shared => "`burden shared \"...\"`",
        Rule::term_decl => "`term`",
        Rule::term_definition => "`defined as \"...\"`",
        Rule::notice_to => "`to ...` (who receives the notice)",
        Rule::reasons_field => "`reasons required` or `reasons not required`",
        Rule::reasons_required => "`required`",
        Rule::reasons_not_required => "`not required`",
        Rule::related_field => "`related \"file.treaty\"`",
        Rule::fact_decl => "`fact`",
        Rule::disputes_decl => "`disputes settled by`",
        Rule::shall_not => "`shall not`",
        Rule::shall => "`shall`",
        Rule::may => "`may`",
        Rule::will_not => "`will not`",
        Rule::will => "`will`",
        Rule::EOI => "end of file",
        Rule::item | Rule::file | Rule::next_item => "a clause",
        Rule::treaty_header => "`treaty`",
        Rule::import_decl => "`import`",
        Rule::source_decl | Rule::source_field => "`source`",
        Rule::party_decl => "`party`",
        Rule::class_decl => "`class`",
        Rule::parties_decl => "`parties`",
        Rule::accession_decl => "`accession`",
        Rule::principle_decl => "`principle`",
        Rule::article_decl => "an article (`article 6.3 says \"...\"`)",
        Rule::body_decl => "`body`",
        Rule::norm_decl => "`norm`",
        Rule::procedure_decl => "`procedure`",
        Rule::affirms_decl => "`affirms`",
        Rule::balances_decl => "`balances`",
        Rule::entry_decl => "`entry into force`",
        Rule::withdrawal_decl => "`withdrawal`",
        Rule::amendment_decl => "`amendment`",
        Rule::ident | Rule::named_actor => "a name",
        Rule::string => "a quoted string",
        Rule::int => "a whole number",
        Rule::decimal => "a number",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::placeholder => "a blank such as `(X)`",
        Rule::citation => "a citation such as `article 6.3`",
        Rule::cite_kind => "`article`, `paragraph` or `section`",
        Rule::article_id => "an article number such as `6.3`",
        Rule::date_field => "`date`",
        Rule::status_field => "`status`",
        Rule::status => {
            "a status (`draft`, `signed`, `in force`, `terminated`, `political commitment`)"
        }
        Rule::baseline_field => "`baseline`",
        Rule::referred_in => "`referred to in preamble`",
        Rule::attr => "an attribute such as `population 1000`",
        Rule::party_set | Rule::ref_list => "a list of parties or classes",
        Rule::all_parties => "`all parties`",
        Rule::joined_filter => "`joined after DATE`",
        Rule::says_field => "`says \"...\"`",
        Rule::title_field => "`titled \"...\"`",
        Rule::from_field => "`from \"...\"`",
        Rule::unverified_field => "`unverified \"...\"`",
        Rule::actor | Rule::actor_list => {
            "who (`any party`, `each party`, `the requesting party`, `itself`, `nobody`, a name)"
        }
        Rule::members_field => "`members`",
        Rule::convening_field => "`convened by`",
        Rule::quorum_field => "`quorum`",
        Rule::quorum_req => "`at least FRACTION of members` or `at least N members`",
        Rule::decides_field => "`decides`",
        Rule::rule_expr | Rule::rule_and => "a decision rule",
        Rule::consensus => "`consensus`",
        Rule::unanimity => "`unanimity`",
        Rule::majority => "`majority of ...`",
        Rule::veto => "`concurring votes of CLASS`",
        Rule::against_limit => "`fewer than N members against`",
        Rule::threshold => "`at least ...`",
        Rule::excluding => "`excluding ...`",
        Rule::abstention => "`abstention blocks` or `abstention does not block`",
        Rule::binding => "`binding`",
        Rule::fraction => "a fraction (`2/3`, `55%`, `two thirds`)",
        Rule::base => "`members`, `members present` or `members present and voting`",
        Rule::count_unit => "`members` or `votes`",
        Rule::statement => "a statement (`each party shall \"...\"`)",
        Rule::deontic => "`shall`, `shall not`, `may`, `will` or `will not`",
        Rule::toward_field => "`toward`",
        Rule::about_field => "`about`",
        Rule::when_field => "`when \"...\"`",
        Rule::judged => "`judged by`",
        Rule::reviewed => "`reviewed by`",
        Rule::standard_field => "`standard \"...\"`",
        Rule::deadline_field | Rule::deadline | Rule::step_deadline => "`within N days`",
        Rule::duration => "a duration (`30 days`, `(X) days`)",
        Rule::time_unit => "`days`, `weeks`, `months` or `years`",
        Rule::breach_field => "`breach judged by`",
        Rule::or_else_field => "`or else \"...\"`",
        Rule::initiated_field => "`initiated by`",
        Rule::participants_field => "`participants`",
        Rule::open_field => "`open to ... on its own initiative`",
        Rule::leads_field => "`leads to`",
        Rule::leads_decision => "`to decide KIND`",
        Rule::entry_condition => {
            "`after N ratifications`, `after ratification by RULE` or `on signature`"
        },
        Rule::by_field => "`by`",
        Rule::notice_field => "`notice`",
        Rule::in_force_field => "`after N years in force`",
    }
}

/// The keywords a clause starts with, in backticks as the descriptions write them.
macro_rules! clause_keywords {
    () => {
        "`treaty`, `import`, `source`, `party`, `class`, `parties`, `signatories`, `accession`, `principle`, `article`, `paragraph`, `section`, `preamble`, `body`, `norm`, `procedure`, `affirms`, `balances`, `entry into force`, `withdrawal`, `amendment`, `reading`"
    };
}
const CLAUSE_KEYWORDS: &str = clause_keywords!();
const CLAUSE_HELP: &str = concat!("each clause starts with a keyword: ", clause_keywords!());

/// Help that fits what the parser was expecting.
fn help_for(expected: &[Rule]) -> &'static str {
    if expected.iter().any(|r| matches!(r, Rule::string)) {
        "text goes in double quotes: \"...\""
    } else if expected.iter().any(|r| {
        matches!(
            r,
            Rule::rule_expr | Rule::rule_and | Rule::consensus | Rule::threshold
        )
    }) {
        "a decision rule is `consensus`, `unanimity`, `majority of members`, `at least 2/3 of members present and voting`, `at least 9 members`, `concurring votes of CLASS`, joined with `and` / `or`"
    } else if expected
        .iter()
        .any(|r| matches!(r, Rule::actor | Rule::actor_list))
    {
        "name who: `any party`, `each party`, `all parties`, `the requesting party`, `the aggressor`, `itself`, `nobody`, or a declared party, class or body"
    } else if expected
        .iter()
        .any(|r| matches!(r, Rule::EOI | Rule::item | Rule::file | Rule::next_item))
    {
        CLAUSE_HELP
    } else {
        "see the language tour in README.md for the form of each clause"
    }
}

pub(super) fn syntax_error(file: FileId, text: &str, err: &pest::error::Error<Rule>) -> Diagnostic {
    syntax_error_at(file, text, 0, err)
}

/// [`syntax_error`] for pest's error in the part of `text` that starts at `base`.
pub(super) fn syntax_error_at(
    file: FileId,
    text: &str,
    base: usize,
    err: &pest::error::Error<Rule>,
) -> Diagnostic {
    let (start, end) = match err.location {
        InputLocation::Pos(p) => (base + p, base + p),
        InputLocation::Span((s, e)) => (base + s, base + e),
    };
    if let Some(d) = hidden_character(file, text, start) {
        return d;
    }
    // Point at the offending token (up to the next whitespace) rather than an empty span.
    let end = if end > start {
        end
    } else {
        let rest = text.get(start..).unwrap_or("");
        let len = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(rest.len(), |(i, _)| i)
            .min(40);
        let len = if len == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            len
        };
        start + len
    };
    let found = text.get(start..end).filter(|s| !s.is_empty()).map_or_else(
        || "end of file".to_string(),
        |s| format!("`{}`", visible(s)),
    );
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    // An error inside a word (`consensuss`: the parser took `consensus`) is about the word.
    let word_start = text
        .get(..start)
        .and_then(|t| t.rfind(|c: char| !is_word(c)).map(|i| i + 1))
        .unwrap_or(0);
    let word_end = text
        .get(start..)
        .and_then(|t| t.find(|c: char| !is_word(c)).map(|i| start + i))
        .unwrap_or(text.len());
    let word = text.get(word_start..word_end).unwrap_or("");
    let taken = text.get(word_start..start).unwrap_or("");
    if !taken.is_empty() && word.len() > taken.len() {
        return Diagnostic::error(
            codes::SYNTAX_ERROR,
            Span::new(file, word_start, word_end),
            format!("`{word}` is not a word of the language here"),
        )
        .with_label("unknown word")
        .with_help(format!(
            "did you mean `{taken}`? A keyword ends where the next word begins"
        ));
    }
    let (message, help) = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().map(|r| describe_rule(*r)).collect();
            names.sort_unstable();
            names.dedup();
            let clause_expected = positives
                .iter()
                .any(|r| matches!(r, Rule::item | Rule::file | Rule::next_item | Rule::EOI));
            let expected = match names.as_slice() {
                [] => "something else".to_string(),
                [one] => (*one).to_string(),
                [init @ .., last] => format!("{} or {}", init.join(", "), last),
            };
            let wants_name = positives.iter().any(|r| {
                matches!(
                    r,
                    Rule::ident
                        | Rule::named_actor
                        | Rule::actor
                        | Rule::actor_list
                        | Rule::ref_list
                        | Rule::party_set
                )
            });
            if wants_name && is_reserved(word) {
                (
                    format!("`{word}` is a reserved word and cannot be a name"),
                    format!("choose another name, such as `{word}_1` or a code like `XX`"),
                )
            } else {
                let mut help = help_for(positives).to_string();
                let mut candidates = names.clone();
                if clause_expected {
                    candidates.push(CLAUSE_KEYWORDS);
                }
                if let Some(specific) =
                    specific_help(positives, text, start, word, clause_expected, wants_name)
                {
                    help = specific;
                } else if let Some(keyword) = misspelt_keyword(word, &candidates) {
                    help = format!("did you mean `{keyword}`? {help}");
                }
                (format!("expected {expected}, found {found}"), help)
            }
        }
        ErrorVariant::CustomError { message } => (message.clone(), help_for(&[]).to_string()),
    };
    Diagnostic::error(codes::SYNTAX_ERROR, Span::new(file, start, end), message)
        .with_label("unexpected here")
        .with_help(help)
}

/// Whether a word is one of the language's keywords, which cannot be names.
fn is_reserved(word: &str) -> bool {
    use pest::Parser;
    let looks_like_a_name = word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    looks_like_a_name && super::TreatyParser::parse(Rule::ident, word).is_err()
}

/// The keyword closest to `word` among those the parser expected (the words in backticks of
/// their descriptions), if one is close.
pub(crate) fn misspelt_keyword<'a>(word: &str, expected: &[&'a str]) -> Option<&'a str> {
    if word.is_empty() {
        return None;
    }
    let keywords = expected.iter().flat_map(|d| {
        d.split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|k| k.split_whitespace().next())
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase()))
    });
    let mut budget = crate::spelling::FILE_BUDGET;
    crate::spelling::closest(word, keywords, &mut budget)
}

/// A character that shows as nothing, or as something it is not, in an editor and a
/// terminal: a control character (NUL, escape, ...), a zero-width or joining character, a
/// bidirectional override that reorders the text around it (the "Trojan Source" trick), a
/// byte-order mark after the start, a soft hyphen.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}')
}

/// `text` with each hidden character written as its code point (`<U+202E>`), so that a
/// message quoting the input never prints a control character or reorders the terminal line.
pub(crate) fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A syntax error at a hidden character ([`is_hidden`]): named by its code point and
/// pointed at alone, rather than quoted with the word after it.
pub(crate) fn hidden_character(file: FileId, text: &str, start: usize) -> Option<Diagnostic> {
    let c = text
        .get(start..)?
        .chars()
        .next()
        .filter(|&c| is_hidden(c))?;
    let what = match c {
        '\0' => " (a NUL byte)",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            " (a bidirectional control, which reorders the text shown around it)"
        }
        '\u{200b}' => " (a zero-width space)",
        '\u{feff}' => " (a byte-order mark, allowed only at the start of a file)",
        c if c.is_control() => " (a control character)",
        _ => " (a character that does not show)",
    };
    Some(
        Diagnostic::error(
            codes::SYNTAX_ERROR,
            Span::new(file, start, start + c.len_utf8()),
            format!(
                "unexpected invisible character U+{:04X}{what}",
                u32::from(c)
            ),
        )
        .with_label("this character")
        .with_help("delete it: most editors do not show it, and it often comes with pasted text"),
    )
}

/// Help for mistakes common enough to name: a citation without its kind, a block left open
/// or closed twice, a name left out or written in letters names cannot have, an obligation
/// without its verb.
fn specific_help(
    positives: &[Rule],
    text: &str,
    start: usize,
    word: &str,
    clause_expected: bool,
    wants_name: bool,
) -> Option<String> {
    let rest = text.get(start..).unwrap_or("");
    let first = rest.chars().next()?;
    if first == '}' && clause_expected {
        return Some(
            "this `}` closes nothing: remove it, or add the `{` it was meant to close".into(),
        );
    }
    let starts_clause = CLAUSE_KEYWORDS
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|k| k.split_whitespace().next() == Some(word));
    if starts_clause && !clause_expected && rest.starts_with(word) && open_braces(text, start) > 0 {
        return Some(format!(
            "`{word}` starts a clause, but the `{{` above is still open: is its `}}` missing?"
        ));
    }
    if first.is_ascii_digit() && positives.contains(&Rule::citation) {
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
            .collect();
        return Some(format!(
            "to cite it, write `article {number}`: a citation names what it cites (`article`, `paragraph`, `section`, `chapter`, `part`)"
        ));
    }
    if wants_name && first == '"' {
        return Some("a name comes before the text in quotes, as in `party FR \"France\"`".into());
    }
    if wants_name && !first.is_ascii() && first.is_alphabetic() {
        return Some("names are ASCII letters, digits and `_` (such as `IE`); the text in quotes may use any letter".into());
    }
    let wants_verb = positives.iter().any(|r| {
        matches!(
            r,
            Rule::deontic | Rule::shall | Rule::shall_not | Rule::may | Rule::will | Rule::will_not
        )
    });
    if wants_verb {
        return Some("an obligation reads `each party shall \"...\"` (or `shall not`, `may`, `will`, `will not`)".into());
    }
    None
}

/// How many `{` are open at `end`, outside strings and comments.
fn open_braces(text: &str, end: usize) -> usize {
    let mut depth = 0usize;
    let (mut in_string, mut in_comment, mut escaped) = (false, false, false);
    for c in text.get(..end).unwrap_or("").chars() {
        if in_comment {
            in_comment = c != '\n';
        } else if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                in_string = false;
            }
        } else {
            match c {
                '#' => in_comment = true,
                '"' => in_string = true,
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    depth
}
