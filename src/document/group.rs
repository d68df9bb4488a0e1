//! Pages → documents: which pages of a file make one document.

/// Pages `[start, end)` (0-based) that make one document, and the index of its request page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocSpan {
    pub start: usize,
    pub end: usize,
    pub request: Option<usize>,
}

/// Groups a file's pages, given which are request pages (a detainer form's first page): each request
/// page starts a document that runs to the next one; pages before the first request (a cover sheet)
/// belong to it. A file without a request page is one "other" document.
pub(crate) fn group(is_request: &[bool]) -> Vec<DocSpan> {
    let starts: Vec<usize> = is_request.iter().enumerate().filter(|(_, r)| **r).map(|(i, _)| i).collect();
    if starts.is_empty() {
        return vec![DocSpan { start: 0, end: is_request.len(), request: None }];
    }
    let mut spans = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let start = if n == 0 { 0 } else { s };
        let end = starts.get(n + 1).copied().unwrap_or(is_request.len());
        spans.push(DocSpan { start, end, request: Some(s) });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_pages_into_documents() {
        // A cover sheet, a request, its two notice pages and an I-200.
        assert_eq!(group(&[false, true, false, false, false]), vec![DocSpan { start: 0, end: 5, request: Some(1) }]);
        assert_eq!(group(&[false, false]), vec![DocSpan { start: 0, end: 2, request: None }]);
        // An I-247A with its I-200, then an I-247D with its notice.
        let two = group(&[true, false, true, false]);
        assert_eq!(
            two,
            vec![DocSpan { start: 0, end: 2, request: Some(0) }, DocSpan { start: 2, end: 4, request: Some(2) }]
        );
    }
}
