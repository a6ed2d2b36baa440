//! List fields whose items are each either text or a group of fields of their own
//! (`focus_keywords: [pricing, {term: data contracts, also: [schema contracts]}]`).

use super::{Fields, Located, scalar_text};
use crate::content::frontmatter::Key;
use crate::support::yaml;

/// One item of such a list.
pub enum Item<'a> {
    Text(Located<String>),
    /// A group, read as fields of the keys given, with its unknown keys reported.
    /// Its problems join the list's owner's with [`Fields::absorb`].
    Group(Fields<'a>),
}

impl<'a> Fields<'a> {
    /// The items of the list field `name`; a single value or group counts as a
    /// list of one. Items of any other shape are reported and left out.
    pub fn items(&mut self, name: &str, keys: &'static [Key]) -> Vec<Item<'a>> {
        let Some(node) = self.value(name) else { return Vec::new() };
        let list = match node.value {
            yaml::Value::List(items) => items,
            _ => vec![node],
        };
        let mut out = Vec::with_capacity(list.len());
        for item in list {
            match item.value {
                yaml::Value::Null => {}
                yaml::Value::Map(entries) => {
                    let fence = self.span(item.at);
                    out.push(Item::Group(self.child(keys, entries, fence, name)));
                }
                other => match scalar_text(&other) {
                    Some(value) => out.push(Item::Text(Located { value, span: self.span(item.at) })),
                    None => self.wrong(name, &other),
                },
            }
        }
        out
    }
}
