//! File paths to `file:` URIs and back: percent-encoding of the bytes a URI path may not
//! hold, nothing more. Other schemes (an editor's untitled buffers) have no path.

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte);
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// The path of a `file:` URI.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // An authority other than the local host is another machine's file.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i)
            if rest
                .get(..i)
                .is_some_and(|h| h.eq_ignore_ascii_case("localhost")) =>
        {
            rest.get(i..)?
        }
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let mut raw = path.bytes();
    while let Some(b) = raw.next() {
        if b == b'%' {
            let hex: Vec<u8> = raw.by_ref().take(2).collect();
            let value = std::str::from_utf8(&hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())?;
            bytes.push(value);
        } else {
            bytes.push(b);
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows.
    let text = match text.get(1..3) {
        Some(drive) if cfg!(windows) && drive.ends_with(':') => text.get(1..)?.to_string(),
        _ => text,
    };
    Some(crate::model::normalize_path(Path::new(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_uris() {
        for path in ["/work/treaties/est-2009.treaty", "/a b/ç%#?.treaty"] {
            let uri = from_path(Path::new(path)).expect("a URI");
            assert!(uri.as_str().starts_with("file:///"), "{}", uri.as_str());
            assert_eq!(to_path(&uri), Some(PathBuf::from(path)));
        }
        let uri = Uri::from_str("file:///a%20b/c.treaty").expect("a URI");
        assert_eq!(to_path(&uri), Some(PathBuf::from("/a b/c.treaty")));
        let untitled = Uri::from_str("untitled:Untitled-1").expect("a URI");
        assert_eq!(to_path(&untitled), None);
    }
}
