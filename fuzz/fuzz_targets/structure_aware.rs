//! Structure-aware fuzzing of the generated decoders: a libFuzzer custom mutator that
//! edits real payloads (seeded from the golden vectors) at the TL level, so that most
//! inputs are valid or nearly valid messages rather than noise the first ID rejects.
//!
//! Mutations, picked at random:
//! - on the value (the input decoded to TL-JSON by `tl-reflect`, edited, encoded again):
//!   swap a constructor for another of the same type (fields of the same name kept, the
//!   others generated), set or clear an optional field (a flags bit), drop, duplicate,
//!   clear or append vector elements, truncate or extend a string or `bytes` (across the
//!   253/254-byte prefix boundary too), boundary integers, flip a `Bool` or an `int128`
//!   digit, replace a whole field by a fresh value;
//! - on the wire: replace a constructor ID by another of the same type or by an unknown
//!   one, change a vector count (off by one, zero, huge), flip a bit of a flags word,
//!   cut the input or repeat a 4-byte-aligned slice;
//! - libFuzzer's own byte-level mutations.
//!
//! The target decodes each input with the generated bindings as any value (through the
//! type's enum and through the constructor's struct: `tl_fuzz_bindings::decode_any`, which
//! checks the round trip) and with the reflective codec: nothing may panic, both codecs
//! must accept the same inputs, and what they accept must re-encode to the same bytes.
//!
//! Run (from `fuzz/`): `RUSTC_BOOTSTRAP=1 cargo fuzz run --features api structure_aware
//! corpus/structure_aware -- -max_len=65536`; seeding: `fuzz/README.md`.
#![no_main]

use std::collections::HashMap;
use std::sync::OnceLock;

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use serde_json::{json, Map, Value};
use tl_fuzz_bindings::{decode_any, Outcome};
use tl_parser::{Definition, ParamKind, Section, TypeRef};
use tl_reflect::{DecodeOptions, Registry};
use tl_runtime::DecodeErrorKind;

const VECTOR_ID: u32 = 0x1cb5c415;

/// The two schemas, indexed for the mutator.
struct Index {
    reflect: Registry,
    /// Constructors and functions, with the file (0: api.tl, 1: mtproto.tl) they are in.
    defs: Vec<(usize, Definition)>,
    by_name: HashMap<String, Vec<usize>>,
    /// A boxed type's constructors, per file.
    by_type: HashMap<(usize, String), Vec<usize>>,
    by_id: HashMap<u32, usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let files = [
            ("api.tl", include_str!("../../schema/api.tl")),
            ("mtproto.tl", include_str!("../../schema/mtproto.tl")),
        ];
        let reflect = Registry::from_sources(&files, &Default::default()).expect("valid schemas");
        let checked = tl_parser::check(&files, &Default::default());
        let mut index = Index {
            reflect,
            defs: Vec::new(),
            by_name: HashMap::new(),
            by_type: HashMap::new(),
            by_id: HashMap::new(),
        };
        for (file, schema) in checked.schemas.into_iter().enumerate() {
            for def in schema.definitions {
                if def.builtin.is_some() || def.question_mark || !def.generics.is_empty() && def.section == Section::Types {
                    continue;
                }
                let i = index.defs.len();
                index.by_name.entry(def.full_name()).or_default().push(i);
                index.by_id.entry(def.id()).or_insert(i);
                if def.section == Section::Types {
                    index
                        .by_type
                        .entry((file, def.result.full_name()))
                        .or_default()
                        .push(i);
                }
                index.defs.push((file, def));
            }
        }
        index
    })
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let digits: Vec<u32> = text
        .bytes()
        .filter(|&c| c != b'=')
        .map(|c| B64.iter().position(|&d| d == c).map(|p| p as u32))
        .collect::<Option<_>>()?;
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, d)| n | d << (18 - 6 * k));
        for k in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Some(out)
}

impl Index {
    /// The definitions a JSON object with `"_": name` and these keys can be.
    fn def_of(&self, object: &Map<String, Value>) -> Option<usize> {
        let name = object.get("_")?.as_str()?;
        let candidates = self.by_name.get(name)?;
        candidates
            .iter()
            .copied()
            .find(|&i| {
                object
                    .keys()
                    .all(|k| k == "_" || self.param_type(i, k).is_some())
            })
            .or(candidates.first().copied())
    }

    /// The type of parameter `name` of definition `i` (`true` for `flags.N?true`), and
    /// whether it is optional.
    fn param_type(&self, i: usize, name: &str) -> Option<(&TypeRef, bool)> {
        self.defs[i].1.params.iter().find_map(|p| match &p.kind {
            ParamKind::Value { ty, flag, .. } if p.name.as_deref() == Some(name) => {
                Some((ty, flag.is_some()))
            }
            _ => None,
        })
    }

    /// The constructors of the boxed type `ty`, in `file` first.
    fn constructors(&self, ty: &TypeRef, file: usize) -> Option<&[usize]> {
        let name = ty.full_name();
        self.by_type
            .get(&(file, name.clone()))
            .or_else(|| self.by_type.get(&(1 - file, name)))
            .map(Vec::as_slice)
    }

    /// A fresh value of `ty`, small; `None` past the depth budget.
    fn gen_value(&self, ty: &TypeRef, file: usize, depth: u32, rng: &mut Rng) -> Option<Value> {
        if depth > 10 {
            return None;
        }
        if ty.generic {
            return Some(json!({"_": "help.getConfig"}));
        }
        Some(match ty.full_name().as_str() {
            "int" | "#" => json!(rng.below(100) as i32),
            "long" => json!(rng.next() as i64 >> rng.below(64)),
            "double" => json!(rng.below(1000) as f64 / 8.0),
            "string" => Value::String("x".repeat(rng.below(8))),
            "bytes" => Value::String(base64_encode(&vec![7; rng.below(8)])),
            "int128" => Value::String("ab".repeat(16)),
            "int256" => Value::String("cd".repeat(32)),
            "Bool" => Value::Bool(rng.chance(2)),
            "true" | "True" => Value::Bool(true),
            "Vector" | "vector" => {
                let element = ty.args.first()?;
                let n = if depth > 4 { 0 } else { rng.below(3) };
                Value::Array(
                    (0..n)
                        .map(|_| self.gen_value(element, file, depth + 1, rng))
                        .collect::<Option<_>>()?,
                )
            }
            "Object" => json!({"_": "boolTrue"}),
            name => {
                let choices: Vec<usize> = if ty.is_bare() && !ty.percent {
                    self.by_name.get(name)?.clone()
                } else {
                    self.constructors(ty, file)?.to_vec()
                };
                // Deep down, the constructor with the fewest parameters, to end recursion.
                let i = if depth > 3 {
                    *choices.iter().min_by_key(|&&i| self.defs[i].1.params.len())?
                } else {
                    *rng.pick(&choices)?
                };
                self.gen_object(i, depth + 1, rng)?
            }
        })
    }

    /// A fresh value of constructor or function `i`: its required fields, and optional
    /// ones now and then near the top.
    fn gen_object(&self, i: usize, depth: u32, rng: &mut Rng) -> Option<Value> {
        let (file, def) = &self.defs[i];
        let mut object = Map::new();
        object.insert("_".into(), Value::String(def.full_name()));
        for p in &def.params {
            match &p.kind {
                ParamKind::FlagsWord => {}
                ParamKind::Value { ty, flag, .. } => {
                    if flag.is_some() && (depth > 2 || !rng.chance(3)) {
                        continue;
                    }
                    let value = self.gen_value(ty, *file, depth, rng)?;
                    object.insert(p.name.clone()?.to_string(), value);
                }
                ParamKind::Repeat { .. } => return None,
            }
        }
        Some(Value::Object(object))
    }
}

/// Visits every node of a value with its TL type where known, and edits the `target`th.
struct Walk<'a> {
    index: &'a Index,
    rng: Rng,
    seen: usize,
    target: usize,
}

impl Walk<'_> {
    fn walk(&mut self, value: &mut Value, ty: Option<&TypeRef>, file: usize) {
        let index = self.index;
        if self.seen > self.target {
            return;
        }
        if self.seen == self.target {
            self.seen += 1;
            self.mutate(value, ty, file);
            return;
        }
        self.seen += 1;
        match value {
            Value::Object(object) => {
                let Some(i) = index.def_of(object) else {
                    return;
                };
                let file = index.defs[i].0;
                let keys: Vec<String> = object.keys().filter(|k| *k != "_").cloned().collect();
                for key in keys {
                    let ty = index.param_type(i, &key).map(|(ty, _)| ty);
                    // `Object` fields hold any value: its own `"_"` says the type.
                    let ty = ty.filter(|t| t.full_name() != "Object");
                    if let Some(child) = object.get_mut(&key) {
                        self.walk(child, ty, file);
                    }
                }
            }
            Value::Array(items) => {
                let element = ty.and_then(|t| t.args.first());
                for item in items {
                    self.walk(item, element, file);
                }
            }
            _ => {}
        }
    }

    fn mutate(&mut self, value: &mut Value, ty: Option<&TypeRef>, file: usize) {
        let index = self.index;
        let rng = &mut self.rng;
        let type_name = ty.map(TypeRef::full_name);
        match value {
            Value::Object(object) => {
                let Some(i) = index.def_of(object) else {
                    return;
                };
                let (def_file, def) = &index.defs[i];
                match rng.below(3) {
                    0 if def.section == Section::Types => {
                        // Another constructor of the same type, same-named fields kept.
                        let Some(others) = index
                            .by_type
                            .get(&(*def_file, def.result.full_name()))
                        else {
                            return;
                        };
                        let Some(&j) = rng.pick(others) else { return };
                        let Some(Value::Object(mut fresh)) = index.gen_object(j, 1, rng) else {
                            return;
                        };
                        for (k, v) in object.iter() {
                            if k != "_" && index.param_type(j, k).is_some() {
                                fresh.insert(k.clone(), v.clone());
                            }
                        }
                        *object = fresh;
                    }
                    1 | 0 => {
                        // Set or clear an optional field: a flags bit.
                        let optional: Vec<(&str, &TypeRef)> = def
                            .params
                            .iter()
                            .filter_map(|p| match &p.kind {
                                ParamKind::Value {
                                    ty, flag: Some(_), ..
                                } => Some((p.name.as_deref()?, ty)),
                                _ => None,
                            })
                            .collect();
                        let Some(&(name, ty)) = rng.pick(&optional) else {
                            return;
                        };
                        if object.remove(name).is_none() {
                            if let Some(v) = index.gen_value(ty, *def_file, 1, rng) {
                                object.insert(name.to_owned(), v);
                            }
                        }
                    }
                    _ => {
                        if let Some(v) = ty.and_then(|t| index.gen_value(t, file, 1, rng)) {
                            *value = v;
                        }
                    }
                }
            }
            Value::Array(items) => match rng.below(4) {
                0 if !items.is_empty() => {
                    items.remove(rng.below(items.len()));
                }
                1 if !items.is_empty() => {
                    let item = items[rng.below(items.len())].clone();
                    let copies = if rng.chance(8) { 64 } else { 1 };
                    for _ in 0..copies {
                        items.insert(rng.below(items.len() + 1), item.clone());
                    }
                }
                2 => items.clear(),
                _ => {
                    if let Some(v) = ty
                        .and_then(|t| t.args.first())
                        .and_then(|t| index.gen_value(t, file, 1, rng))
                    {
                        items.push(v);
                    }
                }
            },
            Value::String(text) => match type_name.as_deref() {
                Some("bytes") => {
                    let mut data = base64_decode(text).unwrap_or_default();
                    mutate_len(&mut data, rng, |rng| rng.next() as u8);
                    *text = base64_encode(&data);
                }
                Some("int128" | "int256") if !text.is_empty() => {
                    let mut digits: Vec<u8> = text.bytes().collect();
                    let at = rng.below(digits.len());
                    digits[at] = b"0123456789abcdef"[rng.below(16)];
                    *text = String::from_utf8(digits).unwrap();
                }
                Some("double") => {
                    *value = json!(rng.next() as i64 as f64 / 3.0);
                }
                _ => {
                    let mut chars: Vec<char> = text.chars().collect();
                    mutate_len(&mut chars, rng, |rng| {
                        *rng.pick(&['a', 'é', 'ж', '€', '😀', '\0']).unwrap()
                    });
                    *text = chars.into_iter().collect();
                }
            },
            Value::Number(_) => {
                let random = rng.next();
                *value = match type_name.as_deref() {
                    Some("long") => json!(*rng
                        .pick(&[0, 1, -1, i64::MIN, i64::MAX, random as i64])
                        .unwrap()),
                    Some("double") => match rng.below(4) {
                        0 => json!("NaN"),
                        1 => json!("-Infinity"),
                        _ => json!(f64::from_bits(random) % 1e300),
                    },
                    _ => json!(*rng
                        .pick(&[0, 1, -1, i32::MIN, i32::MAX, random as i32])
                        .unwrap()),
                };
                if value.is_null() {
                    *value = json!(0);
                }
            }
            Value::Bool(b) => *b = !*b,
            Value::Null => {}
        }
    }
}

/// Truncates, extends (by one or across the 253/254-byte boundary) or changes `items`.
fn mutate_len<T: Clone>(items: &mut Vec<T>, rng: &mut Rng, fresh: impl Fn(&mut Rng) -> T) {
    match rng.below(4) {
        0 => {
            let keep = rng.below(items.len() + 1);
            items.truncate(keep);
        }
        1 => {
            let target = *rng.pick(&[252usize, 253, 254, 255, 256, 1000]).unwrap();
            while items.len() < target {
                items.push(fresh(rng));
            }
        }
        2 if !items.is_empty() => {
            let at = rng.below(items.len());
            items[at] = fresh(rng);
        }
        _ => {
            let n = 1 + rng.below(4);
            for _ in 0..n {
                items.push(fresh(rng));
            }
        }
    }
}

/// Writes `v` at `at` if the 4 bytes are there.
fn put(out: &mut [u8], at: usize, v: u32) {
    if at + 4 <= out.len() {
        out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
}

/// A TL-level edit of the value the bytes hold, encoded again.
fn mutate_value(bytes: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let index = index();
    let mut value = index.reflect.decode_boxed(bytes).ok()?;
    let mut walk = Walk {
        index,
        rng: Rng(rng.next()),
        seen: 0,
        target: usize::MAX,
    };
    walk.walk(&mut value, None, 0);
    walk.target = walk.rng.below(walk.seen);
    walk.seen = 0;
    walk.walk(&mut value, None, 0);
    index.reflect.encode_boxed(&value).ok()
}

/// A wire-level edit at a place the schema gives meaning to.
fn mutate_wire(bytes: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let index = index();
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let ids: Vec<usize> = (0..bytes.len().saturating_sub(3))
        .step_by(4)
        .filter(|&at| index.by_id.contains_key(&word(at)) || word(at) == VECTOR_ID)
        .collect();
    let &at = rng.pick(&ids)?;
    let mut out = bytes.to_vec();
    let id = word(at);
    if id == VECTOR_ID {
        let count = if at + 8 <= bytes.len() { word(at + 4) } else { 0 };
        let remaining = (bytes.len() - at) as u32 / 4;
        let new = *rng
            .pick(&[
                count.wrapping_add(1),
                count.wrapping_sub(1),
                0,
                remaining,
                0x7fff_ffff,
                u32::MAX,
                count << 1,
            ])
            .unwrap();
        put(&mut out, at + 4, new);
        return Some(out);
    }
    let (file, def) = &index.defs[index.by_id[&id]];
    match rng.below(4) {
        0 => {
            let same = index
                .by_type
                .get(&(*file, def.result.full_name()))
                .filter(|_| def.section == Section::Types)?;
            let &j = rng.pick(same)?;
            put(&mut out, at, index.defs[j].1.id());
        }
        1 => put(&mut out, at, rng.next() as u32 | 1),
        2 if matches!(def.params.first().map(|p| &p.kind), Some(ParamKind::FlagsWord)) => {
            let flags = if at + 8 <= bytes.len() { word(at + 4) } else { 0 };
            put(&mut out, at + 4, flags ^ (1u32 << rng.below(32)));
        }
        _ => {
            // Cut right after the ID, or repeat an aligned slice from there.
            let end = at + 4 + 4 * rng.below((bytes.len() - at) / 4);
            if rng.chance(2) {
                out.truncate(end.min(out.len()));
            } else {
                let slice = bytes[at..end.min(bytes.len())].to_vec();
                out.splice(at..at, slice);
            }
        }
    }
    Some(out)
}

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = Rng(seed as u64 ^ (size as u64) << 32);
    let input = &data[..size];
    let edited = match rng.below(5) {
        0 | 1 => mutate_value(input, &mut rng).or_else(|| mutate_wire(input, &mut rng)),
        2 | 3 => mutate_wire(input, &mut rng),
        _ => None,
    };
    match edited {
        Some(out) if out.len() <= max_size => {
            data[..out.len()].copy_from_slice(&out);
            out.len()
        }
        _ => libfuzzer_sys::fuzzer_mutate(data, size, max_size),
    }
});

fn has_nan(value: &Value) -> bool {
    match value {
        Value::String(s) => s == "NaN",
        Value::Array(items) => items.iter().any(has_nan),
        Value::Object(map) => map.values().any(has_nan),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(generated) = decode_any(data) else {
        return;
    };
    let index = index();
    let raw = DecodeOptions {
        raw_objects: true,
        ..DecodeOptions::default()
    };
    match (generated, index.reflect.decode(None, data, &raw)) {
        (Outcome::Decoded(ours), Ok(value)) => {
            let theirs = index
                .reflect
                .encode_boxed(&value)
                .unwrap_or_else(|e| panic!("reflective: decoded {value} does not encode: {e}"));
            assert!(
                ours == theirs || has_nan(&value),
                "generated and reflective re-encode {value} differently"
            );
        }
        (Outcome::Failed(_), Err(_)) => {}
        (Outcome::Decoded(_), Err(e)) => panic!("the generated code decodes, tl-reflect: {e}"),
        // A known difference, not a bug: tl-reflect reads the two files as one set, the
        // generated code has a module per file, so api.tl's `AnyFunction` (what
        // `invokeAfterMsg` and the other wrappers hold) has no mtproto.tl function.
        (Outcome::Failed(e), Ok(_))
            if matches!(e.kind, DecodeErrorKind::UnknownConstructor { id, expected: "function" }
                if index.by_id.get(&id).is_some_and(|&i| index.defs[i].0 == 1)) => {}
        // The stack budget (`tl_runtime::DEFAULT_MAX_STACK`) stops the generated decoders
        // where their frames have used 1 MiB of stack; tl-reflect's frames are small and
        // the same nesting fits. In this build (AddressSanitizer, no stack slot sharing)
        // `AnyFunction`'s frame is about 100 KB, so 9 nested `invokeWithoutUpdates` reach
        // it (`regressions/structure_aware/nested-invokeWithoutUpdates-9-stack-budget`).
        (Outcome::Failed(e), Ok(_))
            if matches!(e.kind, DecodeErrorKind::StackLimitExceeded { .. }) => {}
        (Outcome::Failed(e), Ok(value)) => {
            panic!("tl-reflect decodes {value}, the generated code: {e}")
        }
    }
});
