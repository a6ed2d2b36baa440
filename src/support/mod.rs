//! What every stage uses and none owns: the diagnostic type, the clock, signals,
//! the embedded theme, the program's stamp and the one user of serde_yaml.

pub mod clock;
pub mod diagnostic;
pub(crate) mod files;
pub(crate) mod html_text;
pub mod interrupt;
pub(crate) mod stamp;
pub(crate) mod theme;
pub(crate) mod yaml;
