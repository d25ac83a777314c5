//! Valid TL that cannot become Rust: every error names the file, the line, the definition
//! and what collides with what, so the user knows which line to rename.

fn errors(sources: &[(&str, &str)]) -> Vec<String> {
    match tl_codegen::Config::new().generate_from_sources(sources) {
        Ok(_) => panic!("{sources:?} should not map to Rust"),
        Err(tl_codegen::Error::Model(errors)) => errors.iter().map(ToString::to_string).collect(),
        Err(other) => panic!("expected a model error, got {other}"),
    }
}

#[test]
fn constructors_that_become_the_same_variant() {
    assert_eq!(
        errors(&[("a.tl", "fooBar a:int = X;\nfoo_bar b:int = X;\n")]),
        ["a.tl:2: foo_bar: `fooBar` (line 1) and this constructor of `X` both become the Rust name `FooBar`: rename one"]
    );
    // Of different types: the same struct name in `types`.
    assert_eq!(
        errors(&[(
            "a.tl",
            "fooBar a:int = X;
foo_bar b:int = Y;
"
        )]),
        ["a.tl:2: foo_bar: its Rust name `FooBar` is also the name of `fooBar`"]
    );
}

#[test]
fn parameters_that_become_the_same_field() {
    assert_eq!(
        errors(&[("a.tl", "x = X;\nfoo a_b:int aB:int = X;\n")]),
        ["a.tl:2: foo: parameters `a_b` and `aB` both become the Rust field `a_b`"]
    );
}

#[test]
fn the_file_is_the_one_the_definition_is_in() {
    let errors = errors(&[
        ("first.tl", "x = X;\ny = Y;\n"),
        ("second.tl", "z = Z;\n\nfoo a_b:int aB:int = Z;\n"),
    ]);
    assert_eq!(
        errors,
        ["second.tl:3: foo: parameters `a_b` and `aB` both become the Rust field `a_b`"]
    );
}

#[test]
fn the_build_error_lists_them_all() {
    let error = tl_codegen::Config::new()
        .generate_from_sources(&[("a.tl", "x = X;\nfoo a_b:int aB:int = X;\n")])
        .unwrap_err();
    assert_eq!(
        format!("{error:?}"),
        "the TL schemas cannot be mapped to Rust:\nerror: a.tl:2: foo: parameters `a_b` and `aB` both become the Rust field `a_b`\n"
    );
}

/// Decided in tl-schema for every codec: a vector of `Object` has no element type to read
/// into, so the generator refuses it as tl-reflect does (with the same words).
#[test]
fn a_vector_of_object_is_refused_as_tl_reflect_refuses_it() {
    let schema =
        "vector {t:Type} # [ t ] = Vector t;\nobject ? = Object;\nbar v:Vector<Object> = Bar;\n";
    assert_eq!(
        errors(&[("t.tl", schema)]),
        ["t.tl:3: bar: `Vector` of `Object` is not supported: an element of unknown type has no type to decode into"]
    );
}
