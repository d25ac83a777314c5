//! Property tests over every constructor and function of `schema/api.tl` (layer 230) and
//! `schema/mtproto.tl`, with values drawn by the generated `Generate` impls
//! (`Config::arbitrary`) from a fixed seed:
//!
//! - encode → decode gives the same value, bare and boxed, and the boxed form is the ID
//!   then the bare form (`tl_runtime::arbitrary::check_round_trip`);
//! - the encoded length equals the precomputed `bare_len`/`boxed_len`;
//! - the reflective codec (`tl-reflect`, reading the same schema file) writes the same
//!   bytes from the value's TL-JSON, boxed and (constructors) bare, and reads the bytes
//!   back to the same TL-JSON; the generated serde reads that TL-JSON back to the same
//!   value.
//!
//! The run is bounded: `SAMPLES` values per constructor, each within the default
//! `Budget` (depth 6, 48 vector elements, strings and `bytes` up to 600 bytes).
//! `TL_PROPERTY_SAMPLES=n` runs more.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;
use tl_reflect::{DecodeOptions, EncodeOptions, Registry};
use tl_runtime::arbitrary::{
    check_round_trip, ArbitraryConstructor, Budget, ConstructorVisitor, Unstructured,
};
use tl_tests::schema;

use crate::common::{same_json, seeded_bytes};

const SAMPLES: u32 = 24;

fn samples() -> u32 {
    std::env::var("TL_PROPERTY_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SAMPLES)
}

/// One schema file of `schema/`, as the reflective codec reads it, and the names of its
/// functions. Each file is its own registry, as each is its own module of the generated
/// bindings (both define a `message`).
struct Reflective {
    registry: Registry,
    functions: HashSet<String>,
}

fn reflective(file: &str) -> Reflective {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let registry = Registry::from_sources(&[(file, &text)], &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let parsed = tl_parser::parse(file, &text, &Default::default());
    let functions = parsed
        .schema
        .definitions
        .iter()
        .filter(|d| d.section == tl_parser::Section::Functions)
        .map(|d| d.full_name())
        .collect();
    Reflective {
        registry,
        functions,
    }
}

fn api() -> &'static Reflective {
    static API: OnceLock<Reflective> = OnceLock::new();
    API.get_or_init(|| reflective("api.tl"))
}

fn mtproto() -> &'static Reflective {
    static MTPROTO: OnceLock<Reflective> = OnceLock::new();
    MTPROTO.get_or_init(|| reflective("mtproto.tl"))
}

struct Check {
    schema: &'static Reflective,
    samples: u32,
    constructors: usize,
    values: usize,
    bytes: usize,
    failures: Vec<String>,
}

impl Check {
    fn one<T: ArbitraryConstructor>(&mut self, tl_name: &str, index: u32) -> Result<(), String> {
        let data = seeded_bytes(tl_name, index, 4096);
        let mut u = Unstructured::new(&data);
        let value = T::generate(&mut u, &mut Budget::default())
            .map_err(|e| format!("not generated: {e}"))?;
        let boxed = check_round_trip(&value)?;
        self.bytes += boxed.len();

        let json = serde_json::to_value(&value).map_err(|e| format!("no TL-JSON: {e}"))?;
        let back: T = serde_json::from_value(json.clone())
            .map_err(|e| format!("TL-JSON not read back: {e}\n  {json}"))?;
        if back != value {
            return Err(format!("TL-JSON changes the value: {json}"));
        }
        self.reflective_agrees(tl_name, &json, &boxed)
    }

    /// The reflective side, kept out of the generic `one` so it is compiled once rather
    /// than once per constructor.
    fn reflective_agrees(&self, tl_name: &str, json: &Value, boxed: &[u8]) -> Result<(), String> {
        let registry = &self.schema.registry;
        let reflected = registry
            .encode_boxed(json)
            .map_err(|e| format!("reflective encode failed: {e}\n  {json}"))?;
        if reflected != boxed {
            return Err(format!(
                "reflective bytes differ:\n  generated  {}\n  reflective {}",
                hex::encode(boxed),
                hex::encode(&reflected)
            ));
        }
        // Functions are only ever sent boxed: the reflective codec has no bare form of one.
        let bare_type = if self.schema.functions.contains(tl_name) {
            None
        } else {
            let bare_type = registry
                .bare_type(tl_name)
                .map_err(|e| format!("no bare type {tl_name}: {e}"))?;
            let bare = registry
                .encode(Some(&bare_type), json, &EncodeOptions::default())
                .map_err(|e| format!("reflective bare encode failed: {e}"))?;
            if bare[..] != boxed[4..] {
                return Err(format!(
                    "reflective bare form differs: {}",
                    hex::encode(&bare)
                ));
            }
            Some(bare_type)
        };
        let options = DecodeOptions {
            raw_objects: true,
            ..DecodeOptions::default()
        };
        let decoded = registry
            .decode(None, boxed, &options)
            .map_err(|e| format!("reflective decode failed: {e}\n  {}", hex::encode(boxed)))?;
        if !same_json(&decoded, json) {
            return Err(format!(
                "reflective TL-JSON differs:\n  generated  {json}\n  reflective {decoded}"
            ));
        }
        if let Some(bare_type) = bare_type {
            let decoded_bare = registry
                .decode(Some(&bare_type), &boxed[4..], &options)
                .map_err(|e| format!("reflective bare decode failed: {e}"))?;
            if !same_json(&decoded_bare, json) {
                return Err(format!("reflective bare TL-JSON differs: {decoded_bare}"));
            }
        }
        Ok(())
    }
}

impl ConstructorVisitor for Check {
    fn visit<T: ArbitraryConstructor>(&mut self, tl_name: &'static str) {
        self.constructors += 1;
        for index in 0..self.samples {
            self.values += 1;
            if let Err(why) = self.one::<T>(tl_name, index) {
                self.failures.push(format!("{tl_name} #{index}: {why}"));
                // One failure per constructor is enough to read.
                break;
            }
        }
    }
}

fn run(name: &str, schema: &'static Reflective, each: fn(&mut Check)) -> Check {
    let mut check = Check {
        schema,
        samples: samples(),
        constructors: 0,
        values: 0,
        bytes: 0,
        failures: Vec::new(),
    };
    each(&mut check);
    assert!(
        check.failures.is_empty(),
        "{name}: {} of {} constructors fail:\n{}",
        check.failures.len(),
        check.constructors,
        check.failures.join("\n")
    );
    eprintln!(
        "{name}: {} constructors and functions, {} values, {} bytes: all agree",
        check.constructors, check.values, check.bytes
    );
    check
}

#[test]
fn every_api_constructor_and_function() {
    let check = run("api.tl", api(), schema::registry::each_constructor);
    // Layer 230: 1,600+ constructors and 700+ functions (generic ones instantiated once).
    assert!(check.constructors > 2_300, "{}", check.constructors);
}

#[test]
fn every_mtproto_constructor_and_function() {
    let check = run(
        "mtproto.tl",
        mtproto(),
        schema::mtproto::registry::each_constructor,
    );
    assert!(check.constructors > 50, "{}", check.constructors);
}

/// Values reach every part of the budget: long strings and `bytes` (past the 254-byte
/// prefix switch), nested optional fields, non-empty vectors.
#[test]
fn generated_values_are_not_trivial() {
    let mut long_prefix = 0;
    let mut with_media = 0;
    for index in 0..200 {
        let data = seeded_bytes("message", index, 4096);
        let message: schema::types::Message =
            tl_runtime::arbitrary::generate(&mut Unstructured::new(&data)).unwrap();
        if message.message.len() >= 254 {
            long_prefix += 1;
        }
        if message.media.is_some() {
            with_media += 1;
        }
        let _: Value = serde_json::to_value(&message).unwrap();
    }
    assert!(long_prefix > 10, "{long_prefix} long messages of 200");
    assert!(with_media > 50, "{with_media} with media of 200");
}
