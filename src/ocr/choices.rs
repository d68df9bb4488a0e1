//! The characters an LSTM engine weighed and did not take: read off Tesseract's result iterator symbol by
//! symbol (`lstm_choice_mode` 2 keeps them) and put on the words its TSV gave. A misread letter often has
//! the right one among them (`DZVON`'s `Z` weighed against `E`), which a name's list of parts can pick.
//! Only the field readers keep them: the tracking costs Tesseract a tenth more CPU on every line it reads,
//! and the field readers read a few boxes a page.

use super::{Choice, Word};
use std::ffi::CStr;
use tesseract::plumbing::tesseract_sys as tess;

/// How far ahead of the last matched word a TSV word's text is looked for among the iterator's words.
const LOOKAHEAD: usize = 4;

/// The text and choices of each word of `handle`'s last recognition, in reading order.
///
/// # Safety
/// `handle` must be a live Tesseract instance whose last call was a successful `Recognize`.
pub(super) unsafe fn last_words(handle: *mut tess::TessBaseAPI) -> Vec<(String, Vec<Choice>)> {
    let it = tess::TessBaseAPIGetIterator(handle);
    if it.is_null() {
        return Vec::new();
    }
    let page = tess::TessResultIteratorGetPageIterator(it);
    let mut words: Vec<(String, Vec<Choice>)> = Vec::new();
    loop {
        if words.is_empty() || tess::TessPageIteratorIsAtBeginningOf(page, tess::TessPageIteratorLevel_RIL_WORD) != 0 {
            words.push((String::new(), Vec::new()));
        }
        let p = tess::TessResultIteratorGetUTF8Text(it, tess::TessPageIteratorLevel_RIL_SYMBOL);
        if !p.is_null() {
            let symbol = CStr::from_ptr(p).to_string_lossy().into_owned();
            tess::TessDeleteText(p);
            let word = words.last_mut().expect("pushed above");
            let at = word.0.chars().count();
            word.0.push_str(&symbol);
            // Only a one-character symbol's choices stand against one place of the word.
            if let (Some(taken), 1) = (symbol.chars().next(), symbol.chars().count()) {
                word.1.extend(symbol_choices(it).into_iter().filter(|&(ch, _)| ch != taken).map(|(ch, conf)| Choice {
                    at,
                    ch,
                    conf,
                }));
            }
        }
        if tess::TessResultIteratorNext(it, tess::TessPageIteratorLevel_RIL_SYMBOL) == 0 {
            break;
        }
    }
    tess::TessResultIteratorDelete(it);
    words
}

/// The one-character choices the engine weighed for the iterator's current symbol, with their confidences.
unsafe fn symbol_choices(it: *mut tess::TessResultIterator) -> Vec<(char, f32)> {
    let ci = tess::TessResultIteratorGetChoiceIterator(it);
    if ci.is_null() {
        return Vec::new();
    }
    let mut out = Vec::new();
    loop {
        let t = tess::TessChoiceIteratorGetUTF8Text(ci);
        if !t.is_null() {
            let mut chars = CStr::from_ptr(t).to_str().unwrap_or_default().chars();
            if let (Some(ch), None) = (chars.next(), chars.next()) {
                if ch.is_alphanumeric() {
                    out.push((ch, tess::TessChoiceIteratorConfidence(ci).max(0.0)));
                }
            }
        }
        if tess::TessChoiceIteratorNext(ci) == 0 {
            break;
        }
    }
    tess::TessChoiceIteratorDelete(ci);
    out
}

/// `words` (as the TSV gave them) with the choices of the iterator's word of the same text: the two list
/// the same words in the same order, bar words the TSV leaves out (empty ones), so each is looked for a
/// few words past the last one matched; a word not found keeps no choices.
pub(super) fn attach(words: Vec<Word>, read: Vec<(String, Vec<Choice>)>) -> Vec<Word> {
    let mut next = 0;
    words
        .into_iter()
        .map(|w| {
            let found = (next..read.len().min(next + LOOKAHEAD)).find(|&j| read[j].0.trim() == w.text);
            match found {
                Some(j) => {
                    next = j + 1;
                    Word { choices: read[j].1.clone(), ..w }
                }
                None => w,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(at: usize, ch: char) -> Choice {
        Choice { at, ch, conf: 10.0 }
    }

    #[test]
    fn choices_go_to_the_word_of_the_same_text_past_words_the_tsv_left_out() {
        let tsv = |t: &str| Word { text: t.into(), ..Word::default() };
        let read = vec![
            ("THOMPSON,".to_string(), vec![]),
            (" ".to_string(), vec![choice(0, 'I')]),
            ("KFISHA".to_string(), vec![choice(1, 'E')]),
            ("7".to_string(), vec![choice(0, '2')]),
        ];
        let words = attach(vec![tsv("THOMPSON,"), tsv("KFISHA"), tsv("NEW")], read);
        assert!(words[0].choices.is_empty());
        assert_eq!(words[1].choices, vec![choice(1, 'E')]);
        // A word the iterator did not give keeps none (and takes no other word's).
        assert!(words[2].choices.is_empty());
    }
}
