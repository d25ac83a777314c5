//! `tl_cli::diff` on real layers and on small schemas made to show one thing each.
//!
//! Layers: GramJS's `api.tl` is layer 198 (it has no `// LAYER` line; see
//! `tests/golden/README`), TDLib's `telegram_api.tl` lies between 198 and 229 (it has
//! constructors added after 198 and removed by 229, and `messageActionStarGiftUnique`
//! with an ID between the two), Telethon's is 229 and `schema/api.tl` is 230. Every change
//! asserted below on real layers was checked by hand against the schema text; the
//! definitions are quoted next to the assertions.

use std::path::{Path, PathBuf};

use tl_cli::diff::{
    compare, Axis, ChangeKind, Entry, Kind, Level, LoadError, Report, Side, Status,
};
use tl_parser::ParseOptions;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

fn side_from_files(paths: &[PathBuf]) -> Side {
    let texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), text)
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Side::from_sources(&sources, &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn golden(name: &str) -> Side {
    side_from_files(&[repo_root().join("tests/golden/schemas").join(name)])
}

fn vendored_api() -> Side {
    side_from_files(&[repo_root().join("schema/api.tl")])
}

fn side(text: &str) -> Side {
    Side::from_sources(&[("test.tl", text)], &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn diff(old: &str, new: &str) -> Report {
    compare(&side(old), &side(new))
}

#[track_caller]
fn entry<'r>(report: &'r Report, kind: Kind, name: &str) -> &'r Entry {
    report
        .entry(kind, name)
        .unwrap_or_else(|| panic!("no entry for {} {name}", kind.as_str()))
}

/// The change of the given kind, with its verdicts.
#[track_caller]
fn find<'e>(entry: &'e Entry, want: &ChangeKind) -> &'e tl_cli::diff::Change {
    entry
        .changes
        .iter()
        .find(|c| &c.kind == want)
        .unwrap_or_else(|| panic!("{}: no change {want:?} in {:#?}", entry.name, entry.changes))
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// GramJS (layer 198) to Telethon (layer 229).
mod layer_198_to_229 {
    use super::*;

    fn report() -> Report {
        compare(&golden("gramjs-api.tl"), &golden("telethon-api.tl"))
    }

    #[test]
    fn reid_with_a_flag_field() {
        // chatParticipantCreator#e46bcee4 user_id:long = ChatParticipant;
        // chatParticipantCreator#e1f867b8 flags:# user_id:long rank:flags.0?string = ChatParticipant;
        let r = report();
        let e = entry(&r, Kind::Constructor, "chatParticipantCreator");
        assert_eq!(e.status, Status::Changed, "a re-ID, not a remove + add");
        assert_eq!((e.old_id, e.new_id), (Some(0xe46bcee4), Some(0xe1f867b8)));
        let id = find(
            e,
            &ChangeKind::IdChanged {
                from: 0xe46bcee4,
                to: 0xe1f867b8,
            },
        );
        assert_eq!((id.wire, id.source), (Level::Breaking, Level::None));
        let flags = find(
            e,
            &ChangeKind::ParamAdded {
                param: s("flags"),
                ty: s("#"),
            },
        );
        // The word is stored: its bits that no field uses are data (TL-JSON revision 2).
        assert_eq!(
            (flags.source, flags.rust.as_deref()),
            (Level::Breaking, Some("new field `flags: u32`"))
        );
        let rank = find(
            e,
            &ChangeKind::ParamAdded {
                param: s("rank"),
                ty: s("flags.0?string"),
            },
        );
        assert_eq!((rank.wire, rank.source), (Level::Breaking, Level::Breaking));
        assert_eq!(
            rank.rust.as_deref(),
            Some("new field `rank: Option<String>`")
        );
        assert_eq!(e.changes.len(), 3, "{:#?}", e.changes);
    }

    #[test]
    fn true_flag_under_the_same_id_breaks_only_source() {
        // channelForbidden#17d493d5 flags:# broadcast:flags.5?true megagroup:flags.8?true id:long ...
        // channelForbidden#17d493d5 flags:# broadcast:flags.5?true megagroup:flags.8?true monoforum:flags.10?true id:long ...
        let r = report();
        let e = entry(&r, Kind::Constructor, "channelForbidden");
        assert_eq!(e.old_id, e.new_id);
        let c = find(
            e,
            &ChangeKind::ParamAdded {
                param: s("monoforum"),
                ty: s("flags.10?true"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::Compatible, Level::Breaking));
        assert_eq!(c.rust.as_deref(), Some("new field `monoforum: bool`"));
        assert_eq!(e.level(Axis::Wire), Level::Compatible);
    }

    #[test]
    fn function_answer_changed() {
        // messages.importChatInvite#6c50051c hash:string = Updates;
        // messages.importChatInvite#de91436e hash:string = messages.ChatInviteJoinResult;
        let r = report();
        let e = entry(&r, Kind::Function, "messages.importChatInvite");
        assert_eq!(e.namespace, "messages");
        find(
            e,
            &ChangeKind::IdChanged {
                from: 0x6c50051c,
                to: 0xde91436e,
            },
        );
        let c = find(
            e,
            &ChangeKind::ResultChanged {
                from: s("Updates"),
                to: s("messages.ChatInviteJoinResult"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::Breaking, Level::Breaking));
        assert_eq!(
            c.rust.as_deref(),
            Some("answer `enums::Updates` is now `enums::messages::ChatInviteJoinResult`")
        );
    }

    #[test]
    fn param_renamed_and_flag_moved() {
        // messageActionGiftCode#56d03994 flags:# via_giveaway:flags.0?true unclaimed:flags.2?true boost_peer:flags.1?Peer months:int ...
        // messageActionGiftCode#31c48347 flags:# via_giveaway:flags.0?true unclaimed:flags.5?true boost_peer:flags.1?Peer days:int ...
        let r = report();
        let e = entry(&r, Kind::Constructor, "messageActionGiftCode");
        let renamed = find(
            e,
            &ChangeKind::ParamRenamed {
                from: s("months"),
                to: s("days"),
                ty: s("int"),
            },
        );
        assert_eq!(
            (renamed.wire, renamed.source),
            (Level::None, Level::Breaking)
        );
        let moved = find(
            e,
            &ChangeKind::ParamFlagMoved {
                param: s("unclaimed"),
                from: s("flags.2"),
                to: s("flags.5"),
            },
        );
        assert_eq!(
            (moved.wire, moved.source),
            (Level::Breaking, Level::None),
            "still a `bool`"
        );
    }

    #[test]
    fn made_optional_and_retyped() {
        // urlAuthResultAccepted#8f8c0e4e url:string = UrlAuthResult;
        // urlAuthResultAccepted#623a8fa0 flags:# url:flags.0?string = UrlAuthResult;
        let r = report();
        let e = entry(&r, Kind::Constructor, "urlAuthResultAccepted");
        let c = find(
            e,
            &ChangeKind::ParamMadeOptional {
                param: s("url"),
                flag: s("flags.0"),
            },
        );
        assert_eq!(
            c.rust.as_deref(),
            Some("field `url: String` is now `url: Option<String>`")
        );

        // updatePaidReactionPrivacy#51ca7aec private:Bool = Update;
        // updatePaidReactionPrivacy#8b725fce private:PaidReactionPrivacy = Update;
        let e = entry(&r, Kind::Constructor, "updatePaidReactionPrivacy");
        let c = find(
            e,
            &ChangeKind::ParamRetyped {
                param: s("private"),
                from: s("Bool"),
                to: s("PaidReactionPrivacy"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::Breaking, Level::Breaking));
    }

    #[test]
    fn reordered_params() {
        // help.promoData#8c39793f flags:# proxy:flags.0?true expires:int peer:Peer chats:Vector<Chat> users:Vector<User> psa_type:flags.1?string psa_message:flags.2?string = help.PromoData;
        // help.promoData#8a4d87a flags:# proxy:flags.0?true expires:int peer:flags.3?Peer psa_type:flags.1?string psa_message:flags.2?string pending_suggestions:... chats:Vector<Chat> users:Vector<User> = help.PromoData;
        let r = report();
        let e = entry(&r, Kind::Constructor, "help.promoData");
        find(
            e,
            &ChangeKind::ParamMadeOptional {
                param: s("peer"),
                flag: s("flags.3"),
            },
        );
        let order = |names: &str| names.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let c = find(
            e,
            &ChangeKind::ParamsReordered {
                from: order("flags proxy expires peer chats users psa_type psa_message"),
                to: order("flags proxy expires peer psa_type psa_message chats users"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::Breaking, Level::None));
    }

    #[test]
    fn field_boxed_by_recursion_elsewhere() {
        // messageMediaPoll#4bd6e798 poll:Poll results:PollResults = MessageMedia;
        // pollResults gained `solution_media:flags.5?MessageMedia`, so MessageMedia now
        // contains itself through `results`, which the generator boxes.
        let r = report();
        let e = entry(&r, Kind::Constructor, "messageMediaPoll");
        let c = find(
            e,
            &ChangeKind::RustFieldChanged {
                field: s("results"),
                from: s("enums::PollResults"),
                to: s("Box<enums::PollResults>"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::None, Level::Breaking));
    }

    #[test]
    fn removed_and_added() {
        // updateChannelPinnedTopic#192efbe3 ... and channels.editCreator#8f38cd1f ... are
        // only in GramJS's schema; messageActionGiftTon#a8a3c699 only in Telethon's.
        let r = report();
        let e = entry(&r, Kind::Constructor, "updateChannelPinnedTopic");
        assert_eq!(e.status, Status::Removed);
        assert_eq!(
            (e.level(Axis::Wire), e.level(Axis::Source)),
            (Level::Breaking, Level::Breaking)
        );
        let e = entry(&r, Kind::Function, "channels.editCreator");
        assert_eq!((e.status, e.old_id), (Status::Removed, Some(0x8f38cd1f)));
        let e = entry(&r, Kind::Constructor, "messageActionGiftTon");
        assert_eq!((e.status, e.new_id), (Status::Added, Some(0xa8a3c699)));
        assert_eq!(
            (e.level(Axis::Wire), e.level(Axis::Source)),
            (Level::Compatible, Level::Compatible)
        );
        // ... which is a new variant of MessageAction: exhaustive matches break.
        let t = entry(&r, Kind::Type, "MessageAction");
        let c = find(
            t,
            &ChangeKind::ConstructorAdded {
                constructor: s("messageActionGiftTon"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::Compatible, Level::Breaking));
        // No real rename between these layers: every pair by ID also pairs by name.
        assert!(r.entries.iter().all(|e| e.status != Status::Renamed));
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }
}

/// Telethon (layer 229) to the vendored `schema/api.tl` (layer 230).
mod layer_229_to_230 {
    use super::*;

    fn report() -> Report {
        compare(&golden("telethon-api.tl"), &vendored_api())
    }

    #[test]
    fn same_id_true_flags() {
        // username#b4073647 flags:# editable:flags.0?true active:flags.1?true username:string = Username;
        // username#b4073647 flags:# editable:flags.0?true active:flags.1?true deletable:flags.2?true expired:flags.3?true username:string = Username;
        let r = report();
        let e = entry(&r, Kind::Constructor, "username");
        assert_eq!((e.old_id, e.new_id), (Some(0xb4073647), Some(0xb4073647)));
        assert_eq!(e.changes.len(), 2);
        assert_eq!(
            (e.level(Axis::Wire), e.level(Axis::Source)),
            (Level::Compatible, Level::Breaking)
        );
    }

    #[test]
    fn retyped_to_rich_text() {
        // botVerification#f93cd45c bot_id:long icon:long description:string = BotVerification;
        // botVerification#f72e0ed9 bot_id:long icon:long description:TextWithEntities = BotVerification;
        let r = report();
        let e = entry(&r, Kind::Constructor, "botVerification");
        find(
            e,
            &ChangeKind::IdChanged {
                from: 0xf93cd45c,
                to: 0xf72e0ed9,
            },
        );
        let c = find(
            e,
            &ChangeKind::ParamRetyped {
                param: s("description"),
                from: s("string"),
                to: s("TextWithEntities"),
            },
        );
        assert_eq!(
            c.rust.as_deref(),
            Some("field `description: String` is now `description: enums::TextWithEntities`")
        );
    }

    #[test]
    fn types_gain_and_lose_constructors() {
        // messageEntityTonAddress#fdabbfcd offset:int length:int = MessageEntity; is new;
        // inputPasskeyCredentialFirebasePNV#5b1ccb28 and all of TlsClientHello are gone.
        let r = report();
        let t = entry(&r, Kind::Type, "MessageEntity");
        assert_eq!(t.status, Status::Changed);
        assert_eq!(
            (t.level(Axis::Wire), t.level(Axis::Source)),
            (Level::Compatible, Level::Breaking)
        );
        let t = entry(&r, Kind::Type, "InputPasskeyCredential");
        find(
            t,
            &ChangeKind::ConstructorRemoved {
                constructor: s("inputPasskeyCredentialFirebasePNV"),
            },
        );
        assert_eq!(
            entry(&r, Kind::Type, "TlsClientHello").status,
            Status::Removed
        );
        assert_eq!(
            entry(&r, Kind::Constructor, "tlsClientHello").old_id,
            Some(0x6c52c484)
        );
    }

    #[test]
    fn layers_the_right_way_round() {
        let r = report();
        assert_eq!((r.old.layer, r.new.layer), (Some(229), Some(230)));
        assert!(r.notes.is_empty(), "{:?}", r.notes);
        let swapped = compare(&vendored_api(), &golden("telethon-api.tl"));
        assert!(
            swapped.notes.iter().any(|n| n.contains("swapped")),
            "{:?}",
            swapped.notes
        );
    }
}

/// TDLib's `telegram_api.tl` from `../shared/schemas`, between 198 and 229.
mod shared_tdlib {
    use super::*;

    fn tdlib() -> Option<Side> {
        let path = repo_root().join("../shared/schemas/tdlib/telegram_api.tl");
        if !path.exists() {
            eprintln!(
                "skipped: {} is absent (the shared schemas are not checked out)",
                path.display()
            );
            return None;
        }
        Some(side_from_files(&[path]))
    }

    #[test]
    fn star_gift_unique_through_three_layers() {
        let Some(tdlib) = tdlib() else { return };
        // GramJS:   messageActionStarGiftUnique#acdfcb81 ... saved_id:flags.7?long = MessageAction;
        // TDLib:    messageActionStarGiftUnique#e6c31522 ... craft:flags.16?true ... can_craft_at:flags.15?int = MessageAction;
        // Telethon: messageActionStarGiftUnique#7e1c1187 ... name_hidden:flags.17?true ... message:flags.18?TextWithEntities = MessageAction;
        let early = compare(&golden("gramjs-api.tl"), &tdlib);
        let e = entry(&early, Kind::Constructor, "messageActionStarGiftUnique");
        find(
            e,
            &ChangeKind::IdChanged {
                from: 0xacdfcb81,
                to: 0xe6c31522,
            },
        );
        find(
            e,
            &ChangeKind::ParamAdded {
                param: s("craft"),
                ty: s("flags.16?true"),
            },
        );
        find(
            e,
            &ChangeKind::ParamAdded {
                param: s("can_craft_at"),
                ty: s("flags.15?int"),
            },
        );

        let late = compare(&tdlib, &golden("telethon-api.tl"));
        let e = entry(&late, Kind::Constructor, "messageActionStarGiftUnique");
        find(
            e,
            &ChangeKind::IdChanged {
                from: 0xe6c31522,
                to: 0x7e1c1187,
            },
        );
        find(
            e,
            &ChangeKind::ParamAdded {
                param: s("name_hidden"),
                ty: s("flags.17?true"),
            },
        );
        let m = find(
            e,
            &ChangeKind::ParamAdded {
                param: s("message"),
                ty: s("flags.18?TextWithEntities"),
            },
        );
        assert_eq!(
            m.rust.as_deref(),
            Some("new field `message: Option<enums::TextWithEntities>`")
        );
        assert_eq!(e.changes.len(), 3, "{:#?}", e.changes);
    }

    #[test]
    fn keyboard_button_gains_a_type() {
        let Some(tdlib) = tdlib() else { return };
        // TDLib:    keyboardButton#7d170cff flags:# style:flags.10?KeyboardButtonStyle text:string = KeyboardButton;
        // Telethon: keyboardButton#2f67a72f flags:# style:flags.10?KeyboardButtonStyle text:string type:ButtonType = KeyboardButton;
        let r = compare(&tdlib, &golden("telethon-api.tl"));
        let e = entry(&r, Kind::Constructor, "keyboardButton");
        find(
            e,
            &ChangeKind::IdChanged {
                from: 0x7d170cff,
                to: 0x2f67a72f,
            },
        );
        let c = find(
            e,
            &ChangeKind::ParamAdded {
                param: s("type"),
                ty: s("ButtonType"),
            },
        );
        assert_eq!(
            c.rust.as_deref(),
            Some("new field `r#type: enums::ButtonType`")
        );
    }
}

/// Small schemas, one change each.
mod made_up {
    use super::*;

    #[test]
    fn identical_schemas_have_no_entries() {
        let text = "a#11111111 x:int = A;\n---functions---\nf#22222222 a:A = A;";
        let r = diff(text, text);
        assert!(r.entries.is_empty());
        assert!(r.to_text().contains("no differences"));
        // Spelling is not a change.
        assert!(diff(
            "a#11111111 x:Vector<int> = A;",
            "a#11111111   x:(Vector int)  = A;"
        )
        .entries
        .is_empty());
    }

    #[test]
    fn rename_with_the_same_id() {
        let r = diff("foo#11111111 x:int = T;", "bar#11111111 x:int = T;");
        assert_eq!(r.entries.len(), 1, "{:#?}", r.entries);
        let e = &r.entries[0];
        assert_eq!(
            (e.status, e.name.as_str(), e.old_name.as_deref()),
            (Status::Renamed, "bar", Some("foo"))
        );
        let c = find(
            e,
            &ChangeKind::Renamed {
                from: s("foo"),
                to: s("bar"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::None, Level::Breaking));
        assert_eq!(c.rust.as_deref(), Some("`types::Foo` is now `types::Bar`"));
        assert!(
            r.to_text().contains("> constructor bar#11111111 (was foo)"),
            "{}",
            r.to_text()
        );
    }

    #[test]
    fn new_id_under_the_same_name() {
        let r = diff("foo#11111111 x:int = T;", "foo#22222222 x:int = T;");
        assert_eq!(r.entries.len(), 1);
        let e = &r.entries[0];
        assert_eq!(e.status, Status::Changed);
        assert_eq!(
            e.changes,
            vec![tl_cli::diff::Change {
                kind: ChangeKind::IdChanged {
                    from: 0x11111111,
                    to: 0x22222222
                },
                wire: Level::Breaking,
                source: Level::None,
                rust: None,
            }]
        );
    }

    #[test]
    fn renamed_type() {
        // The constructor keeps its ID; its type is renamed, and all its constructors go along.
        let r = diff(
            "a#11111111 = A;\nb#22222222 = A;",
            "a#11111111 = B;\nb#22222222 = B;",
        );
        let t = entry(&r, Kind::Type, "B");
        assert_eq!(
            (t.status, t.old_name.as_deref()),
            (Status::Renamed, Some("A"))
        );
        let c = find(
            t,
            &ChangeKind::Renamed {
                from: s("A"),
                to: s("B"),
            },
        );
        assert_eq!(c.rust.as_deref(), Some("`enums::A` is now `enums::B`"));
        let a = entry(&r, Kind::Constructor, "a");
        find(
            a,
            &ChangeKind::ResultChanged {
                from: s("A"),
                to: s("B"),
            },
        );
    }

    #[test]
    fn string_and_bytes_are_the_same_bytes() {
        let r = diff("a#11111111 x:string = A;", "a#11111111 x:bytes = A;");
        let c = find(
            &r.entries[0],
            &ChangeKind::ParamRetyped {
                param: s("x"),
                from: s("string"),
                to: s("bytes"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::None, Level::Breaking));
        // The opposite case: the same Rust type, other bytes.
        let r = diff(
            "a#11111111 x:Vector<int> = A;",
            "a#11111111 x:vector<int> = A;",
        );
        let c = &r.entries[0].changes[0];
        assert_eq!((c.wire, c.source), (Level::Breaking, Level::None), "{c:?}");
    }

    #[test]
    fn made_required_and_removed() {
        let r = diff(
            "a#11111111 flags:# x:flags.0?int y:flags.1?true z:long = A;",
            "a#11111111 flags:# x:int z:long = A;",
        );
        let e = &r.entries[0];
        let c = find(
            e,
            &ChangeKind::ParamMadeRequired {
                param: s("x"),
                flag: s("flags.0"),
            },
        );
        assert_eq!(
            c.rust.as_deref(),
            Some("field `x: Option<i32>` is now `x: i32`")
        );
        let c = find(
            e,
            &ChangeKind::ParamRemoved {
                param: s("y"),
                ty: s("flags.1?true"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::Compatible, Level::Breaking));
        assert_eq!(c.rust.as_deref(), Some("field `y: bool` removed"));
    }

    #[test]
    fn moving_true_bits_around_keeps_the_layout() {
        let r = diff(
            "a#11111111 flags:# p:flags.0?true x:int q:flags.1?true = A;",
            "a#11111111 flags:# x:int q:flags.1?true p:flags.0?true = A;",
        );
        let c = &r.entries[0].changes[0];
        assert!(
            matches!(c.kind, ChangeKind::ParamsReordered { .. }),
            "{c:?}"
        );
        assert_eq!((c.wire, c.source), (Level::None, Level::None));
    }

    #[test]
    fn variant_boxed_when_the_constructor_grows() {
        let small = "a#11111111 x:int = A;\nb#22222222 = A;";
        let large = "a#11111111 x:int y:int256 z:int256 w:int256 v:int256 = A;\nb#22222222 = A;";
        let r = diff(small, large);
        let e = entry(&r, Kind::Constructor, "a");
        let c = find(
            e,
            &ChangeKind::RustVariantChanged {
                from: s("enums::A::A(types::A)"),
                to: s("enums::A::A(Box<types::A>)"),
            },
        );
        assert_eq!((c.wire, c.source), (Level::None, Level::Breaking));
    }

    #[test]
    fn docs_only_when_both_sides_have_them() {
        let old = "//@description Old words\n//@x An int\na x:int = A;";
        let new = "//@description New words\n//@x A number\na x:int = A;";
        let r = diff(old, new);
        let e = &r.entries[0];
        assert_eq!(e.changes.len(), 2, "{:#?}", e.changes);
        assert!(e
            .changes
            .iter()
            .all(|c| c.wire == Level::None && c.source == Level::None));
        assert!(
            diff(old, "a x:int = A;").entries.is_empty(),
            "TDLib docs dropped: not a change"
        );
    }

    #[test]
    fn source_unknown_when_a_side_cannot_be_mapped_to_rust() {
        // Valid TL, but both parameters become the Rust field `foo_bar`.
        let broken = side("a#11111111 fooBar:int foo_bar:int = A;");
        assert!(broken.rust_errors().is_some());
        let r = compare(&side("a#11111111 x:int = A;"), &broken);
        let c = &r.entries[0].changes[0];
        assert_eq!(c.source, Level::Unknown);
        assert!(r.fails(Axis::Source));
        assert!(
            r.notes[0].contains("cannot be mapped to Rust"),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn errors_and_ambiguous_sets_are_reported() {
        let err = Side::from_sources(&[("bad.tl", "a#1 x:Nope = A;")], &ParseOptions::default())
            .unwrap_err();
        assert!(matches!(err, LoadError::Schema(_)));
        assert!(err.to_string().contains("bad.tl:1:"), "{err}");
        let sources = [
            ("one.tl", "message#11111111 x:int = M;"),
            ("two.tl", "message#22222222 y:long = M;"),
        ];
        let err = Side::from_sources(&sources, &ParseOptions::default()).unwrap_err();
        assert!(matches!(err, LoadError::Ambiguous { .. }));
        assert!(err.to_string().contains("separate runs"), "{err}");
    }
}

/// Layer 229 against itself with random edits of the kinds layers make (IDs, names,
/// flag bits, parameters dropped, swapped, retyped): no panic, and every edited
/// definition that still loads shows up in the report.
#[test]
fn random_edits_never_panic() {
    let path = repo_root().join("tests/golden/schemas/telethon-api.tl");
    let original = std::fs::read_to_string(&path).expect("telethon-api.tl");
    let old = side(&original);
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut compared = 0;
    for _round in 0..12 {
        let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
        let mut edited = Vec::new();
        for _ in 0..15 {
            let i = next(lines.len());
            let line = lines[i].clone();
            let Some((head, rest)) = line.split_once(' ') else {
                continue;
            };
            if line.starts_with("//") || !head.contains('#') {
                continue;
            }
            let mut words: Vec<String> = rest.split(' ').map(str::to_owned).collect();
            let params = words.len().saturating_sub(2); // `= Type;` ends the line
                                                        // `flags:#` words stay before the parameters that use them.
            let movable: Vec<usize> = (0..params).filter(|&k| !words[k].ends_with(":#")).collect();
            let name = head.split('#').next().unwrap_or_default().to_owned();
            let head = match next(6) {
                0 => {
                    // Another ID: the last hex digit plus one.
                    let mut id = head.to_owned();
                    let last = id.pop().and_then(|c| c.to_digit(16)).unwrap_or(0);
                    id.push(char::from_digit((last + 1) % 16, 16).unwrap_or('0'));
                    id
                }
                1 => head.replacen('#', "X#", 1), // renamed, same ID
                2 if movable.len() >= 2 => {
                    let (a, b) = (next(movable.len()), next(movable.len()));
                    words.swap(movable[a], movable[b]);
                    head.to_owned()
                }
                3 if !movable.is_empty() => {
                    words.remove(movable[next(movable.len())]);
                    head.to_owned()
                }
                4 => {
                    let k = next(params.max(1));
                    words[k] = words[k]
                        .replace("flags.1?", "flags.9?")
                        .replace(":int", ":long");
                    head.to_owned()
                }
                _ => head.to_owned(),
            };
            lines[i] = format!("{head} {}", words.join(" "));
            edited.push(name);
        }
        let text = lines.join("\n");
        let new = match Side::from_sources(&[("edited.tl", &text)], &ParseOptions::default()) {
            Ok(new) => new,
            Err(e) => {
                eprintln!("{e}");
                continue; // An edit made the schema invalid: reported, not compared.
            }
        };
        compared += 1;
        let report = compare(&old, &new);
        let _ = report.to_text();
        let _ = report.to_json();
        for name in edited.iter().filter(|n| !n.is_empty()) {
            let original_line = original
                .lines()
                .find(|l| l.starts_with(&format!("{name}#")));
            if original_line.is_some() && !text.contains(original_line.unwrap_or_default()) {
                assert!(
                    report
                        .entries
                        .iter()
                        .any(|e| &e.name == name || e.old_name.as_deref() == Some(name)),
                    "edited {name} is not in the report"
                );
            }
        }
    }
    assert!(compared >= 6, "only {compared} of 12 edited schemas loaded");
}
