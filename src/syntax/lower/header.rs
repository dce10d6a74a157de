//! Lowering of the treaty header and of article declarations.

use super::*;

impl Lowerer {
    pub(super) fn treaty_header(&mut self, p: P) -> TreatyHeader {
        let span = self.span(&p);
        let mut title = Text {
            value: String::new(),
            span,
        };
        let mut header = TreatyHeader {
            title: title.clone(),
            date: None,
            status: None,
            sources: Vec::new(),
            baselines: Vec::new(),
            related: Vec::new(),
            partial: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => title = self.text(c),
                Rule::date_field => {
                    if let Some(d) = c.into_inner().next() {
                        header.date = Some(Text {
                            value: d.as_str().to_string(),
                            span: self.span(&d),
                        });
                    }
                }
                Rule::status_field => {
                    if let Some(s) = c.into_inner().next() {
                        let sspan = self.span(&s);
                        let status = match s.into_inner().next().map(|v| v.as_rule()) {
                            Some(Rule::signed) => Status::Signed,
                            Some(Rule::in_force) => Status::InForce,
                            Some(Rule::terminated) => Status::Terminated,
                            Some(Rule::political) => Status::PoliticalCommitment,
                            _ => Status::Draft,
                        };
                        header.status = Some((status, sspan));
                    }
                }
                Rule::source_field => header.sources.extend(self.first_text(c)),
                Rule::baseline_field => {
                    let mut file = None;
                    let mut referred_in = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::string => file = Some(self.text(f)),
                            Rule::referred_in => {
                                referred_in = f
                                    .into_inner()
                                    .find(|x| x.as_rule() == Rule::citation)
                                    .map(|x| self.citation(x));
                            }
                            _ => {}
                        }
                    }
                    if let Some(file) = file {
                        header.baselines.push(BaselineRef { file, referred_in });
                    }
                }
                Rule::related_field => header.related.extend(self.first_text(c)),
                Rule::encoding_field => header.partial = self.first_text(c),
                _ => {}
            }
        }
        header.title = title;
        header
    }

    pub(super) fn article(&mut self, p: P) -> ArticleDecl {
        let span = self.span(&p);
        let mut kind = String::from("article");
        let mut path = Vec::new();
        let mut cite_end = span;
        let mut decl = ArticleDecl {
            citation: Citation {
                kind: kind.clone(),
                path: Vec::new(),
                span,
            },
            title: None,
            text: None,
            from: Vec::new(),
            unverified: None,
            practice: None,
            not_encoded: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::cite_kind => {
                    kind = c.as_str().to_string();
                    cite_end = self.span(&c);
                }
                Rule::preamble_kw => {
                    kind = "preamble".to_string();
                    cite_end = self.span(&c);
                }
                Rule::article_id => {
                    path = self.article_path(&c);
                    cite_end = self.span(&c);
                }
                Rule::title_field => decl.title = self.first_text(c),
                Rule::says_field => decl.text = self.first_text(c),
                Rule::from_field => decl.from.extend(self.first_text(c)),
                Rule::unverified_field => decl.unverified = self.first_text(c),
                Rule::practice_field => decl.practice = self.first_text(c),
                Rule::not_encoded_field => decl.not_encoded = self.first_text(c),
                _ => {}
            }
        }
        decl.citation = Citation {
            kind,
            path,
            span: Span {
                file: span.file,
                start: span.start,
                end: cite_end.end,
            },
        };
        decl
    }
}
