//! Constructor IDs: CRC32 of a normalised declaration text.
//!
//! The text is rebuilt from the syntax tree, not taken from the source, so formatting,
//! comments and line breaks never matter:
//!
//! `name {X:Type} p:T ... = Result` becomes `name X:Type p:T ... = Result` where
//! - `Vector<T>` is written `Vector T` (`<` becomes a space, `>` goes); `(vector bytes)`
//!   is written `vector bytes` too;
//! - `{` and `}` go;
//! - a bare `%Type` is written as the name of its constructor, that is the type name with
//!   its first letter in lowercase (`vector<%Message>` hashes as `vector message`);
//! - under [`IdRule::Telegram`] a parameter of type `bytes` (`x:bytes`, `x:flags.0?bytes`)
//!   is written `string`; `Vector<bytes>` stays;
//! - under [`IdRule::Telegram`] every `x:holder.N?true` parameter is left out; TON's
//!   tl-parser keeps them (`liteServer.getBlockOutMsgQueueSize ... want_proof:mode.0?true`
//!   hashes to 0x8f6c7779), and TDLib's schemas have none;
//! - single spaces between tokens.
//!
//! An explicit ID is verified against both rules (see `ParseOptions::detect_id_rule`):
//! Telegram's `ipPortSecret` was hashed literally, and TDLib's `secret_api.tl`, a literal
//! schema, copies Telegram's folded IDs. Known explicit IDs that neither rule reproduces
//! are listed in [`KNOWN_ID_EXCEPTIONS`].

use crate::ast::*;

/// Computes the ID of a definition under `rule` (ignores any explicit `#id`).
pub fn compute_id(def: &Definition, rule: IdRule) -> u32 {
    let mut buf = String::with_capacity(128);
    normalized_text(def, rule, &mut buf);
    crc32fast::hash(buf.as_bytes())
}

/// Writes the normalised text whose CRC32 is the ID (see the module docs) into `out`.
pub fn normalized_text(def: &Definition, rule: IdRule, out: &mut String) {
    out.clear();
    if !def.namespace.is_empty() {
        out.push_str(def.namespace.as_str());
        out.push('.');
    }
    out.push_str(&def.name);
    for g in &def.generics {
        out.push(' ');
        out.push_str(&g.name);
        out.push(':');
        out.push_str(&g.kind);
    }
    if def.question_mark {
        out.push_str(" ?");
    }
    params(&def.params, rule, out);
    out.push_str(" =");
    ty(&def.result, out, true);
}

fn params(ps: &[Parameter], rule: IdRule, out: &mut String) {
    for p in ps {
        match &p.kind {
            ParamKind::FlagsWord => {
                out.push(' ');
                if let Some(n) = &p.name {
                    out.push_str(n);
                    out.push(':');
                }
                out.push('#');
            }
            ParamKind::Value { ty: t, flag, bang } => {
                if rule == IdRule::Telegram
                    && flag.is_some()
                    && t.name == "true"
                    && t.namespace.is_empty()
                    && t.args.is_empty()
                {
                    continue;
                }
                out.push(' ');
                if let Some(n) = &p.name {
                    out.push_str(n);
                    out.push(':');
                }
                if let Some(f) = flag {
                    out.push_str(&f.holder);
                    out.push('.');
                    push_u32(out, f.bit);
                    out.push('?');
                }
                if *bang {
                    out.push('!');
                }
                if rule == IdRule::Telegram
                    && t.name == "bytes"
                    && t.namespace.is_empty()
                    && t.args.is_empty()
                    && !t.percent
                {
                    out.push_str("string");
                } else {
                    ty(t, out, false);
                }
            }
            ParamKind::Repeat {
                multiplicity,
                params: inner,
            } => {
                out.push(' ');
                if let Some(m) = multiplicity {
                    out.push_str(m);
                    out.push('*');
                }
                out.push('[');
                params(inner, rule, out);
                out.push_str(" ]");
            }
        }
    }
}

fn ty(t: &TypeRef, out: &mut String, leading_space: bool) {
    if leading_space {
        out.push(' ');
    }
    if !t.namespace.is_empty() {
        out.push_str(t.namespace.as_str());
        out.push('.');
    }
    if t.percent {
        let mut cs = t.name.chars();
        if let Some(c) = cs.next() {
            out.extend(c.to_lowercase());
            out.push_str(cs.as_str());
        }
    } else {
        out.push_str(&t.name);
    }
    for a in &t.args {
        ty(a, out, true);
    }
}

const CONFIG_SIMPLE: &str = "help.configSimple family (fetched over DNS/HTTPS, outside MTProto): \
    hand-assigned ID; no normalisation of the published text (Telegram or Literal rule, \
    `vector<IpPort>` or `vector<%IpPort>`) reproduces it";
const GZIP_PACKED: &str =
    "TDLib's mtproto_api.tl writes `gzip_packed packed_data:string = GzipPacked`; \
    the ID is that of the specification's `gzip_packed packed_data:bytes = Object`";
const PREFIX: &str = "TDLib-only pseudo-function: the leading fields of the real `invokeWith...` \
    wrapper (same name without `Prefix`, which has `{X:Type} ... query:!X = X`), kept under \
    the wrapper's ID on purpose so TDLib can write just the prefix";
const LEGACY: &str = "TDLib renamed an old constructor by appending `Legacy`; the ID is the CRC \
    of the original declaration (the name without `Legacy`)";
const SECRET_LAYER: &str = "TDLib's secret_api.tl renames the constructors of older secret-chat \
    layers by appending the layer number (8, 23, 45, 46); the ID is the CRC of the original \
    declaration (the name without the number)";
/// An explicit ID known not to match the computed one, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdException {
    /// Full name of the definition.
    pub name: &'static str,
    /// The explicit ID written in the schema.
    pub id: u32,
    pub reason: &'static str,
}

/// Explicit IDs that differ from the computed ones on purpose or by history. A mismatch
/// listed here is never reported, not even with `strict_ids`. Matching is by full name
/// *and* ID, so a changed ID is reported again.
const TON_PINNED: &str = "pinned in TON's schema: the `#id` was written when the definition \
    was first published and kept when fields were added; TON's tl-parser takes a written ID \
    as it is (`ton_api.tl`, `lite_api.tl`)";
const TON_LEGACY: &str = "TON renamed the old definition with a `Legacy` suffix and kept its \
    ID, which hashes from the old name (`consensus.broadcastExtra slot:int = \
    consensus.BroadcastExtra`)";
pub const KNOWN_ID_EXCEPTIONS: &[IdException] = &[
    IdException {
        name: "liteServer.transactionId",
        id: 0xb12f65af,
        reason: TON_PINNED,
    },
    IdException {
        name: "liteServer.signatureSet.ordinary",
        id: 0xf644a6e6,
        reason: TON_PINNED,
    },
    IdException {
        name: "liteServer.getValidatorStats",
        id: 0x091a58bc,
        reason: TON_PINNED,
    },
    IdException {
        name: "tonNode.capabilities",
        id: 0xf5bf60c0,
        reason: TON_PINNED,
    },
    IdException {
        name: "db.block.info",
        id: 0x4ac6e727,
        reason: TON_PINNED,
    },
    IdException {
        name: "collatorNode.pong",
        id: 0x5bbf0521,
        reason: TON_PINNED,
    },
    IdException {
        name: "consensus.broadcastExtraLegacy",
        id: 0x921297fa,
        reason: TON_LEGACY,
    },
    IdException {
        name: "accessPointRule",
        id: 0x4679b65f,
        reason: CONFIG_SIMPLE,
    },
    IdException {
        name: "help.configSimple",
        id: 0x5a592a6c,
        reason: CONFIG_SIMPLE,
    },
    IdException {
        name: "gzip_packed",
        id: 0x3072cfa1,
        reason: GZIP_PACKED,
    },
    IdException {
        name: "invokeWithBusinessConnectionPrefix",
        id: 0xdd289f8e,
        reason: PREFIX,
    },
    IdException {
        name: "invokeWithGooglePlayIntegrityPrefix",
        id: 0x1df92984,
        reason: PREFIX,
    },
    IdException {
        name: "invokeWithApnsSecretPrefix",
        id: 0x0dae54f8,
        reason: PREFIX,
    },
    IdException {
        name: "invokeWithReCaptchaPrefix",
        id: 0xadbb0f94,
        reason: PREFIX,
    },
    IdException {
        name: "inputPeerPhotoFileLocationLegacy",
        id: 0x27d69997,
        reason: LEGACY,
    },
    IdException {
        name: "inputStickerSetThumbLegacy",
        id: 0x0dbaeae9,
        reason: LEGACY,
    },
    IdException {
        name: "decryptedMessage8",
        id: 0x1f814f1f,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageService8",
        id: 0xaa48327d,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageMediaPhoto8",
        id: 0x32798a8c,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageMediaVideo8",
        id: 0x4cee6ef3,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageMediaDocument8",
        id: 0xb095434b,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageMediaAudio8",
        id: 0x6080758f,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessage23",
        id: 0x204d3878,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageMediaVideo23",
        id: 0x524a415d,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "documentAttributeSticker23",
        id: 0xfb0a5727,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "documentAttributeVideo23",
        id: 0x5910cccb,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "documentAttributeAudio23",
        id: 0x051448e5,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "documentAttributeAudio45",
        id: 0xded218e0,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessage46",
        id: 0x36b091de,
        reason: SECRET_LAYER,
    },
    IdException {
        name: "decryptedMessageMediaDocument46",
        id: 0x7afe8ae2,
        reason: SECRET_LAYER,
    },
];

/// The allow-list entry for `name` with explicit ID `id`, if any.
pub fn known_exception(name: &str, id: u32) -> Option<&'static IdException> {
    KNOWN_ID_EXCEPTIONS
        .iter()
        .find(|e| e.id == id && e.name == name)
}

fn push_u32(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        out.push(d as char);
    }
}
