//! Stages 4-5: form knowledge applied to text. The models (`models/`, loaded by `models`), page
//! classification from printed cues, field extraction from labels and the form's structure (text only,
//! with the page's measured squares), value normalization, and the fax header line's parser.

pub(crate) mod cells;
pub(crate) mod classify;
pub(crate) mod extract;
pub(crate) mod header;
pub(crate) mod labels;
pub(crate) mod models;
pub(crate) mod normalize;
pub(crate) mod readings;
pub(crate) mod value;
