//! Font catalogue. Fonts are loaded from Debian package paths at run time so the binary carries no font
//! data; DejaVu is deliberately absent because the team's own generator leans on it.

use ab_glyph::{Font, FontVec, GlyphId, PxScale};
use anyhow::{anyhow, Context, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaceId(pub u16);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sans,
    Serif,
    Mono,
}

pub struct Face {
    pub font: FontVec,
    /// Multiplier from "pixels per em" to the PxScale ab_glyph wants (its scale is ascent-to-descent height).
    em_to_scale: f32,
    /// Hairline designs (the Courier clones) print with toner spread; without it their strokes are thinner
    /// than a fax pixel and vanish, which would test the font rather than the reader.
    pub thin: bool,
}

pub struct Family {
    pub name: &'static str,
    pub kind: Kind,
    pub regular: FaceId,
    pub bold: FaceId,
}

pub struct Fonts {
    pub faces: Vec<Face>,
    pub families: Vec<Family>,
    /// Wide-coverage faces used for characters a chosen font lacks (Vietnamese notices, currency signs).
    fallback: [FaceId; 2],
}

const LIB: &str = "/usr/share/fonts/truetype/liberation/";
const FREE: &str = "/usr/share/fonts/truetype/freefont/";
const URW: &str = "/usr/share/fonts/opentype/urw-base35/";

/// (family, kind, folder, regular file, bold file, Debian package)
const CATALOGUE: &[(&str, Kind, &str, &str, &str, &str)] = &[
    ("LiberationSans", Kind::Sans, LIB, "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "fonts-liberation"),
    (
        "LiberationSerif",
        Kind::Serif,
        LIB,
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "fonts-liberation",
    ),
    ("LiberationMono", Kind::Mono, LIB, "LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf", "fonts-liberation"),
    (
        "LiberationSansNarrow",
        Kind::Sans,
        LIB,
        "LiberationSansNarrow-Regular.ttf",
        "LiberationSansNarrow-Bold.ttf",
        "fonts-liberation",
    ),
    ("FreeSans", Kind::Sans, FREE, "FreeSans.ttf", "FreeSansBold.ttf", "fonts-freefont-ttf"),
    ("FreeSerif", Kind::Serif, FREE, "FreeSerif.ttf", "FreeSerifBold.ttf", "fonts-freefont-ttf"),
    ("FreeMono", Kind::Mono, FREE, "FreeMono.ttf", "FreeMonoBold.ttf", "fonts-freefont-ttf"),
    ("NimbusSans", Kind::Sans, URW, "NimbusSans-Regular.otf", "NimbusSans-Bold.otf", "fonts-urw-base35"),
    (
        "NimbusSansNarrow",
        Kind::Sans,
        URW,
        "NimbusSansNarrow-Regular.otf",
        "NimbusSansNarrow-Bold.otf",
        "fonts-urw-base35",
    ),
    ("NimbusRoman", Kind::Serif, URW, "NimbusRoman-Regular.otf", "NimbusRoman-Bold.otf", "fonts-urw-base35"),
    ("NimbusMonoPS", Kind::Mono, URW, "NimbusMonoPS-Regular.otf", "NimbusMonoPS-Bold.otf", "fonts-urw-base35"),
    ("C059", Kind::Serif, URW, "C059-Roman.otf", "C059-Bold.otf", "fonts-urw-base35"),
    ("URWGothic", Kind::Sans, URW, "URWGothic-Book.otf", "URWGothic-Demi.otf", "fonts-urw-base35"),
];

fn load_face(path: &str, package: &str, thin: bool) -> Result<Face> {
    let bytes = std::fs::read(path).with_context(|| {
        format!("font {path} is missing: install the Debian package {package} (apt-get install {package})")
    })?;
    let font = FontVec::try_from_vec(bytes).map_err(|e| anyhow!("font {path} (from {package}) does not parse: {e}"))?;
    let upem = font.units_per_em().unwrap_or(1000.0);
    let em_to_scale = font.height_unscaled() / upem;
    Ok(Face { font, em_to_scale, thin })
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        let mut faces = Vec::new();
        let mut families = Vec::new();
        for &(name, kind, dir, reg, bold, pkg) in CATALOGUE {
            let r = FaceId(faces.len() as u16);
            let thin = matches!(name, "FreeMono" | "NimbusMonoPS");
            faces.push(load_face(&format!("{dir}{reg}"), pkg, thin)?);
            let b = FaceId(faces.len() as u16);
            faces.push(load_face(&format!("{dir}{bold}"), pkg, false)?);
            families.push(Family { name, kind, regular: r, bold: b });
        }
        let fb = |n: &str| families.iter().position(|f: &Family| f.name == n).map(|i| families[i].regular);
        let fallback = [fb("FreeSerif").unwrap(), fb("FreeSans").unwrap()];
        Ok(Fonts { faces, families, fallback })
    }

    pub fn family(&self, name: &str) -> usize {
        self.families.iter().position(|f| f.name == name).unwrap_or(0)
    }

    pub fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.families.len()).filter(|&i| self.families[i].kind == kind).collect()
    }

    pub fn face_name(&self, id: FaceId) -> String {
        for f in &self.families {
            if f.regular == id {
                return f.name.to_string();
            }
            if f.bold == id {
                return format!("{}-Bold", f.name);
            }
        }
        String::from("?")
    }

    /// The face and glyph that will draw `c`: the requested face when it has the character, else a fallback.
    pub fn glyph(&self, face: FaceId, c: char) -> (FaceId, GlyphId) {
        let g = self.faces[face.0 as usize].font.glyph_id(c);
        if g.0 != 0 || c.is_whitespace() {
            return (face, g);
        }
        for fb in self.fallback {
            let g = self.faces[fb.0 as usize].font.glyph_id(c);
            if g.0 != 0 {
                return (fb, g);
            }
        }
        (face, g)
    }

    /// ab_glyph scale for a size in pixels per em, with separate horizontal and vertical densities.
    pub fn scale(&self, face: FaceId, em_x: f32, em_y: f32) -> PxScale {
        let k = self.faces[face.0 as usize].em_to_scale;
        PxScale { x: em_x * k, y: em_y * k }
    }
}
