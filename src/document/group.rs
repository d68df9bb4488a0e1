//! Pages → documents: which pages of a file make one document.

use crate::record::PageKind;

/// Pages `[start, end)` (0-based) that make one document, and the index of its request page.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSpan {
    pub start: usize,
    pub end: usize,
    pub request: Option<usize>,
}

/// Groups pages: each request page starts a document that runs to the next one; pages before the first
/// request (a cover sheet) belong to it. A file without a request page is one "other" document.
pub fn group(kinds: &[Option<PageKind>]) -> Vec<DocSpan> {
    let starts: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| k.is_some_and(|k| k.detainer_form().is_some()))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        return vec![DocSpan { start: 0, end: kinds.len(), request: None }];
    }
    let mut spans = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let start = if n == 0 { 0 } else { s };
        let end = starts.get(n + 1).copied().unwrap_or(kinds.len());
        spans.push(DocSpan { start, end, request: Some(s) });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_pages_into_documents() {
        use PageKind::*;
        let k = |v: &[PageKind]| v.iter().map(|k| Some(*k)).collect::<Vec<_>>();
        assert_eq!(
            group(&k(&[CoverSheet, I247aRequest, DetaineeNotice, DetaineeNotice, I200])),
            vec![DocSpan { start: 0, end: 5, request: Some(1) }]
        );
        assert_eq!(group(&k(&[Other, Other])), vec![DocSpan { start: 0, end: 2, request: None }]);
        let two = group(&k(&[I247aRequest, I200, I247d, DetaineeNotice]));
        assert_eq!(
            two,
            vec![DocSpan { start: 0, end: 2, request: Some(0) }, DocSpan { start: 2, end: 4, request: Some(2) }]
        );
    }
}
