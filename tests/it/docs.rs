//! The clause-language examples in the README and in every rule's documentation parse.
use treaty::source::FileId;
use treaty::syntax::{parse, Limits};

fn treaty_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```treaty") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

fn assert_parses(origin: &str, block: &str) {
    let (_, diags) = parse(FileId(0), block, &Limits::default());
    assert!(diags.is_empty(), "{origin}:\n{block}\n{diags:#?}");
}

#[test]
fn readme_examples_parse() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let blocks = treaty_blocks(&readme);
    assert!(blocks.len() >= 2);
    for block in blocks {
        assert_parses("README.md", &block);
    }
}

#[test]
fn rule_examples_parse() {
    for rule in treaty::rules::ALL {
        let blocks = treaty_blocks(&rule.documentation());
        assert!(
            blocks.len() >= 2,
            "{} needs a bad and a better example",
            rule.code
        );
        for block in blocks {
            assert_parses(rule.code, &block);
        }
    }
}
