//! The schemas GramJS 2.26.22 (layer 198) produced the golden vectors with.
include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
