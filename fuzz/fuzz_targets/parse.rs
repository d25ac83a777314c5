//! Any bytes: parse (both ID rules, strict or not), validate, render every diagnostic,
//! print every definition and parse it again. Nothing may panic, and printing must
//! round-trip.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run parse` (from the `fuzz/` directory; seed it
//! with the real schemas: `cargo fuzz run parse corpus/parse ../schema`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_parser::{parse, parse_bytes, validate, IdRule, ParseOptions, SchemaFile};

fuzz_target!(|data: &[u8]| {
    let strict = data.first().is_some_and(|b| b & 1 == 1);
    let options = ParseOptions {
        id_rule: if data.first().is_some_and(|b| b & 2 == 2) {
            IdRule::Literal
        } else {
            IdRule::Telegram
        },
        detect_id_rule: true,
        strict_ids: strict,
    };
    let r = parse_bytes("fuzz.tl", data, &options);
    for d in &r.diagnostics {
        let _ = d.to_string();
    }
    let text = String::from_utf8_lossy(data);
    for d in validate(&[SchemaFile {
        name: "fuzz.tl",
        source: &text,
        schema: &r.schema,
    }]) {
        let _ = d.to_string();
    }
    let again_opts = ParseOptions {
        id_rule: r.id_rule,
        detect_id_rule: false,
        ..options
    };
    for def in &r.schema.definitions {
        let printed = format!("{def:#}");
        let again = parse("again.tl", &printed, &again_opts);
        assert!(
            !again.diagnostics.iter().any(|d| d.is_error()
                && !d.message.contains("flag")
                && !d.message.contains("duplicate")
                && !d.message.contains("needs a type variable")
                && !d.message.contains("outside 0..=31")
                && !d.message.contains("same ID")
                && !d.message.contains("differs")),
            "printed definition does not parse: {printed:?}: {:?}",
            again.diagnostics
        );
        assert_eq!(again.schema.definitions.len(), 1, "{printed:?}");
        let mut back = again.schema.definitions[0].clone();
        back.section = def.section;
        assert_eq!(&back, def, "round trip of {printed:?}");
    }
});
