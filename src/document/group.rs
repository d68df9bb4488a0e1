//! Pages → documents: which pages of a file make one document.

/// Pages `[start, end)` (0-based) that make one document, and the index of its request page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocSpan {
    pub start: usize,
    pub end: usize,
    pub request: Option<usize>,
}

/// Groups a file's pages, given which are request pages (a detainer form's first page) and which are a
/// request's notice pages: each request page starts a document that runs to the next one; pages before
/// the first request (a cover sheet) belong to it, unless a notice page is among them. A notice comes
/// after its request page, so one before the first request is a request whose first page was not read as
/// one: those pages are a document of their own, with no request page, which the record asks a person to
/// look at, and the next request's record does not take them in. A file without a request page is one
/// document with none.
pub(crate) fn group(is_request: &[bool], is_notice: &[bool]) -> Vec<DocSpan> {
    let starts: Vec<usize> = is_request.iter().enumerate().filter(|(_, r)| **r).map(|(i, _)| i).collect();
    let Some(&first) = starts.first() else {
        return vec![DocSpan { start: 0, end: is_request.len(), request: None }];
    };
    let mut spans = Vec::new();
    let lead = if is_notice[..first].iter().any(|n| *n) {
        spans.push(DocSpan { start: 0, end: first, request: None });
        first
    } else {
        0
    };
    for (n, &s) in starts.iter().enumerate() {
        let start = if n == 0 { lead } else { s };
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
        let none = [false; 7];
        assert_eq!(
            group(&[false, true, false, false, false], &none[..5]),
            vec![DocSpan { start: 0, end: 5, request: Some(1) }]
        );
        assert_eq!(group(&[false, false], &none[..2]), vec![DocSpan { start: 0, end: 2, request: None }]);
        // An I-247A with its I-200, then an I-247D with its notice.
        let two = group(&[true, false, true, false], &[false, false, false, true]);
        assert_eq!(
            two,
            vec![DocSpan { start: 0, end: 2, request: Some(0) }, DocSpan { start: 2, end: 4, request: Some(2) }]
        );
    }

    /// Two requests in a file, the first one's request page read as another page: its notice pages are a
    /// document of their own, not the second request's.
    #[test]
    fn notice_pages_before_the_first_request_are_a_document_of_their_own() {
        let is_request = [false, false, false, true, false, false, false];
        let is_notice = [false, true, true, false, true, true, false];
        assert_eq!(
            group(&is_request, &is_notice),
            vec![DocSpan { start: 0, end: 3, request: None }, DocSpan { start: 3, end: 7, request: Some(3) }]
        );
        // A notice with no request page anywhere: the file is one document, as before.
        assert_eq!(group(&[false, false], &[false, true]), vec![DocSpan { start: 0, end: 2, request: None }]);
    }
}
