//! Every bundled treaty file parses without a diagnostic.
use treaty::source::FileId;
use treaty::syntax::{parse, Limits};

#[test]
fn bundled_treaties_parse() {
    let mut stack = vec![std::path::PathBuf::from("treaties")];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "treaty") {
                let text = std::fs::read_to_string(&path).unwrap();
                let (_, diags) = parse(FileId(0), &text, &Limits::default());
                assert!(diags.is_empty(), "{}: {:?}", path.display(), diags);
                seen += 1;
            }
        }
    }
    assert!(seen >= 6, "expected the bundled corpus, found {seen} files");
}
