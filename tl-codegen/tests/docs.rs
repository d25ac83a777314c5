//! Documentation in the generated code: the seed page of `messages.exportChatInvite`
//! from the vendored documentation files, what is reported when the files and the schema
//! disagree, errors of malformed files, the switches, and TDLib's `//@` comments.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use quote::ToTokens;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `schema/api.tl` with the vendored documentation, generated once for all tests.
fn api() -> &'static tl_codegen::Generated {
    static API: OnceLock<tl_codegen::Generated> = OnceLock::new();
    API.get_or_init(|| {
        let schema = std::fs::read_to_string(repo().join("schema/api.tl")).unwrap();
        tl_codegen::Config::new()
            .docs(repo().join("schema/api-schema.json"))
            .docs(repo().join("schema/raw-errors.json"))
            .generate_from_sources(&[("api.tl", &schema)])
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The items of module `path` (`["functions", "messages"]`) of a generated file.
fn module<'a>(file: &'a syn::File, path: &[&str]) -> &'a [syn::Item] {
    let mut items = file.items.as_slice();
    for name in path {
        items = items
            .iter()
            .find_map(|item| match item {
                syn::Item::Mod(m) if m.ident == name => {
                    m.content.as_ref().map(|(_, i)| i.as_slice())
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no module {name}"));
    }
    items
}

/// The doc comment of a list of attributes, as rustdoc reads it.
fn doc(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn structure<'a>(items: &'a [syn::Item], name: &str) -> &'a syn::ItemStruct {
    items
        .iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no struct {name}"))
}

fn assert_has(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "missing:\n{needle}\n\nin:\n{haystack}"
    );
}

#[test]
fn the_seed_page_of_messages_export_chat_invite() {
    let file = syn::parse_file(&api().code).unwrap();
    let messages = module(&file, &["functions", "messages"]);
    let export = structure(messages, "ExportChatInvite");
    let page = doc(&export.attrs);

    // Description.
    assert!(
        page.starts_with("Export an invite link for a chat\n"),
        "{page}"
    );

    // Parameters: name, TL type, description.
    assert_has(
        &page,
        "# Parameters\n\n| Name | TL type | Description |\n|---|---|---|\n",
    );
    for row in [
        "| `flags` | `#` | Flags, see [TL conditional fields](https://core.telegram.org/mtproto/TL-combinators#conditional-fields) |",
        "| `legacy_revoke_permanent` | `flags.2?true` | Legacy flag, reproducing legacy behavior of this method: if set, revokes all previous links before creating a new one. Kept for bot API BC, should not be used by modern clients. |",
        "| `request_needed` | `flags.3?true` | Whether admin confirmation is required before admitting each separate user into the chat |",
        "| `peer` | `InputPeer` | Chat |",
        "| `expire_date` | `flags.0?int` | Expiration date |",
        "| `usage_limit` | `flags.1?int` | Maximum number of users that can join using this link |",
        "| `title` | `flags.4?string` | Description of the invite link, visible only to administrators |",
        "| `subscription_pricing` | `flags.5?StarsSubscriptionPricing` | For [Telegram Star subscriptions »](https://core.telegram.org/api/stars#star-subscriptions), contains the pricing of the subscription the user must activate to join the private channel. |",
    ] {
        assert_has(&page, &format!("\n{row}\n"));
    }

    // The result type, linked to the generated enum (which exists there).
    assert_has(
        &page,
        "# Result\n\n[`ExportedChatInvite`](super::super::enums::ExportedChatInvite) (TL type `ExportedChatInvite`).",
    );
    let enums = module(&file, &["enums"]);
    assert!(enums
        .iter()
        .any(|i| matches!(i, syn::Item::Enum(e) if e.ident == "ExportedChatInvite")));

    // Possible errors: code, name, description.
    assert_has(
        &page,
        "# Possible errors\n\n| Code | Name | Description |\n|---|---|---|\n",
    );
    for row in [
        "| 400 | `CHANNEL_PRIVATE` | You haven't joined this channel/supergroup. |",
        "| 400 | `CHAT_ADMIN_REQUIRED` | You must be an admin in this chat to do this. |",
        "| 400 | `EXPIRE_DATE_INVALID` | The specified expiration date is invalid. |",
        "| 400 | `USAGE_LIMIT_INVALID` | The specified usage limit is invalid. |",
        "| 403 | `CHAT_WRITE_FORBIDDEN` | You can't write in this chat. |",
    ] {
        assert_has(&page, &format!("\n{row}\n"));
    }

    // Bots, the TL line, the page on core.telegram.org.
    assert_has(&page, "\n\nBots can use this method.\n\n");
    assert_has(
        &page,
        "```text\nmessages.exportChatInvite#a455de90 flags:# legacy_revoke_permanent:flags.2?true request_needed:flags.3?true peer:InputPeer expire_date:flags.0?int usage_limit:flags.1?int title:flags.4?string subscription_pricing:flags.5?StarsSubscriptionPricing = ExportedChatInvite;\n```",
    );
    assert!(
        page.ends_with(
            "On Telegram's site: <https://core.telegram.org/method/messages.exportChatInvite>"
        ),
        "{page}"
    );

    // Each field has its parameter's description too.
    let field = |name: &str| {
        let field = export
            .fields
            .iter()
            .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
            .unwrap_or_else(|| panic!("no field {name}"));
        doc(&field.attrs)
    };
    assert_eq!(
        field("expire_date"),
        "Expiration date\n\nTL parameter `expire_date` (present when bit 0 of `flags` is set)."
    );
    assert!(
        field("legacy_revoke_permanent").starts_with("Legacy flag, reproducing legacy behavior")
    );

    // The same facts as data: callers and errors.
    let info = messages
        .iter()
        .find_map(|item| match item {
            syn::Item::Impl(i)
                if i.trait_.as_ref().is_some_and(|(_, t, _)| {
                    t.segments.last().is_some_and(|s| s.ident == "FunctionInfo")
                }) && i.self_ty.to_token_stream().to_string() == "ExportChatInvite" =>
            {
                Some(i.to_token_stream().to_string())
            }
            _ => None,
        })
        .expect("impl FunctionInfo for ExportChatInvite");
    assert_has(&info, "Callers :: UsersAndBots");
    for error in [
        "P :: new (400 , E :: ChannelPrivate)",
        "P :: new (400 , E :: ChatAdminRequired)",
        "P :: new (400 , E :: ExpireDateInvalid)",
        "P :: new (400 , E :: UsageLimitInvalid)",
        "P :: new (403 , E :: ChatWriteForbidden)",
    ] {
        assert_has(&info, error);
    }
}

#[test]
fn descriptions_of_types_constructors_and_errors() {
    let file = syn::parse_file(&api().code).unwrap();
    let enums = module(&file, &["enums"]);
    let input_peer = enums
        .iter()
        .find_map(|i| match i {
            syn::Item::Enum(e) if e.ident == "InputPeer" => Some(e),
            _ => None,
        })
        .unwrap();
    let page = doc(&input_peer.attrs);
    assert!(page.starts_with("Peer\n"), "{page}");
    assert!(
        page.ends_with("<https://core.telegram.org/type/InputPeer>"),
        "{page}"
    );
    let user = input_peer
        .variants
        .iter()
        .find(|v| v.ident == "User")
        .unwrap();
    assert!(doc(&user.attrs).starts_with("Defines a user for further interaction."));

    let types = module(&file, &["types"]);
    let page = doc(&structure(types, "InputPeerUser").attrs);
    assert_has(
        &page,
        "A constructor of [`InputPeer`](super::enums::InputPeer).",
    );
    assert_has(
        &page,
        "<https://core.telegram.org/constructor/inputPeerUser>",
    );

    let errors = module(&file, &["errors"]);
    let names = errors
        .iter()
        .find_map(|i| match i {
            syn::Item::Enum(e) if e.ident == "ErrorName" => Some(e),
            _ => None,
        })
        .unwrap();
    let admin = names
        .variants
        .iter()
        .find(|v| v.ident == "ChatAdminRequired")
        .unwrap();
    assert_eq!(
        doc(&admin.attrs),
        "`CHAT_ADMIN_REQUIRED` (400): You must be an admin in this chat to do this."
    );
    assert!(names.variants.iter().any(|v| v.ident == "FloodWait"));
}

#[test]
fn every_description_is_rendered() {
    let code = &api().code;
    // mtcute's own links are resolved to TL names; links point at the canonical site.
    assert!(!code.contains("{@link"));
    assert!(!code.contains("corefork.telegram.org"));
    let unresolved = code
        .match_indices("`Raw")
        .filter(|(at, _)| code[at + 4..].starts_with(|c: char| c.is_ascii_uppercase()))
        .count();
    assert_eq!(unresolved, 0, "mtcute references left unresolved");
    // No HTML tags but the `<br>`s of table cells (outside code spans, which may show
    // HTML as text).
    let outside_code =
        |line: &str| -> String { line.split('`').step_by(2).collect::<Vec<_>>().join(" ") };
    for line in code.lines().filter(|l| l.trim_start().starts_with("///")) {
        let text = outside_code(line);
        for tag in ["<a ", "</a>", "<code>", "<strong>", "<em>", "<img ", "<p>"] {
            assert!(!text.contains(tag), "{tag} in a doc comment: {line}");
        }
    }
}

#[test]
fn what_the_docs_and_the_schema_disagree_on_is_counted() {
    let coverage = &api().docs_coverage;
    assert_eq!(coverage.len(), 1);
    let coverage = &coverage[0];
    assert_eq!(coverage.module, None);
    assert_eq!(coverage.files, ["api-schema.json", "raw-errors.json"]);
    assert_eq!(
        (coverage.docs_layer, coverage.schema_layer),
        (Some(223), Some(230))
    );
    // Layer 230 has definitions layer 223's docs do not know, and lost some they describe.
    assert!(coverage.documented > 2000, "{coverage}");
    assert_eq!(
        coverage.documented + coverage.undocumented.len(),
        coverage.definitions
    );
    assert!(!coverage.undocumented.is_empty(), "{coverage}");
    assert!(!coverage.ignored.is_empty(), "{coverage}");
    assert!(coverage.documented_types > 500, "{coverage}");
    assert!(coverage.known_errors > 700, "{coverage}");
    assert!(coverage
        .to_string()
        .starts_with("docs api-schema.json, raw-errors.json: layer 223 for schema layer 230; "));
}

fn fixture_schema() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/schemas/docs.tl")).unwrap()
}

/// The docs fixture, with the given switches.
fn fixture(configure: impl FnOnce(&mut tl_codegen::Config)) -> String {
    let mut config = tl_codegen::Config::new();
    config
        .docs(repo().join("tests/fixtures/docs/api-schema.json"))
        .docs(repo().join("tests/fixtures/docs/raw-errors.json"));
    configure(&mut config);
    config
        .generate_from_sources(&[("docs.tl", &fixture_schema())])
        .unwrap()
        .code
}

#[test]
fn doc_comments_can_be_turned_off() {
    let full = fixture(|_| {});
    let short = fixture(|c| {
        c.doc_comments(false);
    });
    assert!(short.len() < full.len());
    assert!(!short.contains("# Parameters"));
    assert!(!short.contains("Export an invite link"));
    assert!(!short.contains("core.telegram.org"));
    assert_has(&short, "/// The function `messages.exportChatInvite`.\n");
    // Typed errors are data: they stay.
    assert_has(&short, "pub mod errors");
    assert_has(&short, "/// `CHAT_ADMIN_REQUIRED` (400).\n");
    assert_has(
        &short,
        "description: \"You must be an admin in this chat to do this.\"",
    );
    assert_has(&short, "FunctionInfo for ExportChatInvite");
}

#[test]
fn typed_errors_can_be_turned_off() {
    let code = fixture(|c| {
        c.typed_errors(false);
    });
    assert!(!code.contains("pub mod errors"));
    assert!(!code.contains("FunctionInfo"));
    assert_has(&code, "| 400 | `CHAT_ADMIN_REQUIRED` |");
}

#[test]
fn malformed_documentation_files_are_clear_errors() {
    let dir = repo().join("target/tmp/docs-test");
    std::fs::create_dir_all(&dir).unwrap();
    let generate = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let error = tl_codegen::Config::new()
            .docs(&path)
            .generate_from_sources(&[("docs.tl", &fixture_schema())])
            .unwrap_err();
        (path, error)
    };
    let (path, error) = generate(
        "kind.json",
        r#"{"e":[{"kind":"class","name":"a"},{"kind":"type","name":"b"}]}"#,
    );
    assert!(matches!(&error, tl_codegen::Error::Docs { path: p, .. } if *p == path));
    assert_eq!(
        error.to_string(),
        format!(
            "documentation file {}: e[1].kind: unknown kind `type` (expected `class` or `method`)",
            path.display()
        )
    );
    let (_, error) = generate("truncated.json", r#"{"errors":{"A":"#);
    assert_has(
        &error.to_string(),
        "truncated.json: not valid JSON: EOF while parsing",
    );
    let (_, error) = generate("other.json", r#"{"name":"@mtcute/tl"}"#);
    assert_has(
        &error.to_string(),
        "other.json: neither an mtcute `api-schema.json`",
    );
    let (_, error) = generate(
        "code.json",
        r#"{"errors":{"FLOOD_WAIT_%d":{"code":"420"}}}"#,
    );
    assert_has(
        &error.to_string(),
        "code.json: errors.FLOOD_WAIT_%d.code: expected an integer, found a string",
    );

    let missing = dir.join("missing.json");
    let error = tl_codegen::Config::new()
        .docs(&missing)
        .generate_from_sources(&[("docs.tl", &fixture_schema())])
        .unwrap_err();
    assert!(matches!(&error, tl_codegen::Error::Io { path, .. } if *path == missing));

    let error = tl_codegen::Config::new()
        .docs_in_module(
            "mtproto",
            repo().join("tests/fixtures/docs/raw-errors.json"),
        )
        .generate_from_sources(&[("docs.tl", &fixture_schema())])
        .unwrap_err();
    assert_has(
        &error.to_string(),
        "no schema is generated into module `mtproto`",
    );
}

/// In the style of TDLib's `td_api.tl` (which documents everything this way).
const TDLIB_STYLE: &str = "\
//@class ChatType @description Describes the type of a chat

//@description An ordinary chat with a user @user_id User identifier
chatTypePrivate user_id:long = ChatType;

//@description A chat. (Can be a group or a channel; see https://core.telegram.org/tdlib.)
//@id Chat unique identifier
//@type Type of the chat
//@title Chat title, in <b>plain</b> text: [brackets] and *stars* are not Markdown
chat id:long type:ChatType title:string = Chat;

---functions---

//@description Returns information about a chat by its identifier. This is an offline method if the current user is not a bot @chat_id Chat identifier
getChat chat_id:long = Chat;
";

#[test]
fn tdlib_comments_document_items_without_a_site() {
    let generated = tl_codegen::Config::new()
        .generate_from_sources(&[("td_api.tl", TDLIB_STYLE)])
        .unwrap();
    assert!(generated.docs_coverage.is_empty());
    let file = syn::parse_file(&generated.code).unwrap();
    let page = doc(&structure(module(&file, &["functions"]), "GetChat").attrs);
    assert!(page.starts_with("Returns information about a chat by its identifier. This is an offline method if the current user is not a bot\n"), "{page}");
    assert_has(&page, "| `chat_id` | `long` | Chat identifier |");
    assert_has(
        &page,
        "# Result\n\n[`Chat`](super::enums::Chat) (TL type `Chat`).",
    );
    assert!(!page.contains("core.telegram.org"), "{page}");
    assert!(!page.contains("Possible errors"), "{page}");

    let chat = structure(module(&file, &["types"]), "Chat");
    assert!(doc(&chat.attrs).starts_with(
        "A chat. (Can be a group or a channel; see <https://core.telegram.org/tdlib>.)\n"
    ));
    let title = chat
        .fields
        .iter()
        .find(|f| f.ident.as_ref().unwrap() == "title")
        .unwrap();
    assert_eq!(
        doc(&title.attrs),
        "Chat title, in \\<b\\>plain\\</b\\> text: \\[brackets\\] and \\*stars\\* are not Markdown\n\nTL parameter `title`."
    );
    let chat_type = module(&file, &["enums"])
        .iter()
        .find_map(|i| match i {
            syn::Item::Enum(e) if e.ident == "ChatType" => Some(e),
            _ => None,
        })
        .unwrap();
    assert!(doc(&chat_type.attrs).starts_with("Describes the type of a chat\n"));
}
