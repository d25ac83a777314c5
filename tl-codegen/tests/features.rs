//! The `pretty` feature: which layout a `Config` gets by default, and what `format(true)`
//! does without the feature. `cargo test --workspace` runs this with the feature on;
//! `.ci/run` runs it once more with `--no-default-features`.

const SCHEMA: &str = "\
point x:int y:int = Point;
---functions---
geo.distance flags:# from:Point to:Point label:flags.0?string = Point;
";

fn generate(format: Option<bool>) -> Result<String, tl_codegen::Error> {
    let mut config = tl_codegen::Config::new();
    if let Some(pretty) = format {
        config.format(pretty);
    }
    config
        .generate_from_sources(&[("geo.tl", SCHEMA)])
        .map(|generated| generated.code)
}

/// `prettyplease` wraps this signature over three lines; the simple printer keeps it on one.
fn is_pretty(code: &str) -> bool {
    let wrapped = code.contains("fn decode_bare(\n");
    let one_line = code.contains("fn decode_bare(reader: &mut ::tl_runtime::Reader<'_>)");
    assert!(wrapped != one_line, "neither layout recognised:\n{code}");
    wrapped
}

#[test]
fn the_default_layout_follows_the_feature() {
    let code = generate(None).expect("generates");
    assert_eq!(is_pretty(&code), cfg!(feature = "pretty"));
}

#[test]
fn the_simple_printer_needs_no_feature() {
    let code = generate(Some(false)).expect("generates");
    assert!(!is_pretty(&code));
}

#[test]
fn format_true_needs_the_pretty_feature() {
    let result = generate(Some(true));
    if cfg!(feature = "pretty") {
        assert!(is_pretty(&result.expect("generates")));
    } else {
        let error = result.expect_err("format(true) without the feature generated code");
        assert!(matches!(error, tl_codegen::Error::Options(_)), "{error:?}");
        assert_eq!(
            error.to_string(),
            "conflicting options: format(true) needs tl-codegen's `pretty` feature (syn and \
             prettyplease): add `features = [\"pretty\"]` to the tl-codegen dependency, or \
             remove format(true)"
        );
    }
}
