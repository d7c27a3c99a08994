//! The README's map of the house, kept true: every module of `src` imports
//! only modules on the floors below its own (or beside it, on the same
//! floor, where the table allows), never one above, so there are no
//! circles. A new module, or an import that runs upwards, fails here with
//! the file and the import.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

/// The floors, bottom first, as the README's map has them. A module may
/// import any module on a lower floor.
const FLOORS: &[&[&str]] = &[
    // The floor: imports nothing of the crate.
    &["identity", "i18n", "open_hours", "brand"],
    // A survey's questions and answers.
    &["survey"],
    // The take API's client, and the demo server that speaks it.
    &["api", "demo"],
    // The kiosk loop (pure logic).
    &["kiosk"],
    // The settings, and what is read from them.
    &["config"],
    &["check", "logo", "journal"],
    // Recording what happens.
    &["metrics"],
    // The I/O side.
    &["worker"],
    // The operator's logic, rehearsals, the configuration watcher.
    &["operator", "rehearsal"],
    &["config_watch"],
    // Drawing.
    &["ui"],
];

/// Macros exported at the crate's root (`crate::words!`).
const ROOT_MACROS: &[&str] = &["words", "fl"];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

/// `crate::x` paths in `text` outside comments and test modules.
fn imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::words!` and `use crate::words;`: macros exported at
            // the root, not modules.
            let macro_call =
                rest[name.len()..].starts_with('!') || ROOT_MACROS.contains(&name.as_str());
            if !name.is_empty() && !macro_call {
                found.push(name);
            }
        }
    }
    found
}

fn visit(dir: &Path, top: Option<&str>, out: &mut BTreeMap<String, Vec<(String, String)>>) {
    let entries = std::fs::read_dir(dir).expect("src can be listed");
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let module = top.map_or(name.clone(), str::to_owned);
        if path.is_dir() {
            visit(&path, Some(&module), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            if top.is_none() && (name == "main" || name == "lib") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file reads");
            for import in imports(&text) {
                out.entry(module.clone())
                    .or_default()
                    .push((path.display().to_string(), import));
            }
        }
    }
}

#[test]
fn every_import_runs_down_the_floors_of_the_readme_map() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    visit(&src, None, &mut found);
    let mut wrong = Vec::new();
    for (module, imports) in &found {
        let Some(floor) = floor_of(module) else {
            wrong.push(format!(
                "module `{module}` is not on the map: add it to FLOORS and the README"
            ));
            continue;
        };
        for (file, import) in imports {
            if import == module {
                continue;
            }
            match floor_of(import) {
                Some(theirs) if theirs < floor => {}
                Some(_) => wrong.push(format!(
                    "{file}: `{module}` imports `crate::{import}`, which is not below it"
                )),
                None => wrong.push(format!(
                    "{file}: `crate::{import}` is not on the map (FLOORS)"
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_of_imports_sees_paths_and_skips_comments_macros_and_tests() {
    let text = "use crate::api::Client;\n// crate::ui is only named here\nlet x = crate::words!(\"a\");\n\
                fn f() { crate::metrics::page_retried(\"s\") }\n#[cfg(test)]\nuse crate::ui::app;\n";
    assert_eq!(imports(text), ["api", "metrics"]);
}
