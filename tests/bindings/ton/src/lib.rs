//! TON's schemas as pytoniq-core 0.2.1 ships them: the TON golden vectors were produced
//! with these (pytoniq-core, ton-tl).

/// `lite_api.tl`: the lite-server protocol.
pub mod lite_api {
    include!(concat!(env!("OUT_DIR"), "/lite_api.rs"));
}

/// `ton_api.tl`: the node's protocols (pytoniq's copy, which differs slightly from
/// `ton-blockchain/ton`'s).
pub mod ton_api {
    include!(concat!(env!("OUT_DIR"), "/ton_api.rs"));
}
