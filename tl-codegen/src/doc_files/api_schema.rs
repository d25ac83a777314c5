//! mtcute's `api-schema.json`: per constructor and function a description, parameter
//! descriptions, the errors it throws and who may call it; per abstract type a description.

use super::json::At;
use super::{Availability, DefinitionDoc, Documentation, PageKind, ThrownError};

pub fn read(root: At<'_>, docs: &mut Documentation) -> Result<(), String> {
    if let Some(layer) = root.with_optional("l", |l| l.i64())? {
        let layer = u32::try_from(layer).map_err(|_| format!("l: layer {layer} out of range"))?;
        docs.layer = Some(layer);
    }
    root.with("e", |entries| entries.each(|entry| read_entry(entry, docs)))?;
    root.with_optional("u", |types| {
        types.each_entry(|name, description| {
            let description = description.str()?;
            docs.add_reference(PageKind::Type, name);
            if !description.is_empty() {
                docs.types.insert(name.to_owned(), description.to_owned());
            }
            Ok(())
        })
    })?;
    Ok(())
}

fn read_entry(entry: At<'_>, docs: &mut Documentation) -> Result<(), String> {
    let kind = entry.with("kind", |k| match k.str()? {
        "class" => Ok(PageKind::Constructor),
        "method" => Ok(PageKind::Function),
        other => Err(k.error(format_args!(
            "unknown kind `{other}` (expected `class` or `method`)"
        ))),
    })?;
    let name = entry.with("name", |n| n.str().map(str::to_owned))?;
    let id = entry.with_optional("id", |id| {
        let value = id.i64()?;
        u32::try_from(value).map_err(|_| id.error(format_args!("ID {value} is not a u32")))
    })?;
    let description = entry
        .with_optional("comment", |c| c.str().map(str::to_owned))?
        .filter(|d| !d.is_empty());
    let mut doc = DefinitionDoc {
        id,
        description,
        ..DefinitionDoc::default()
    };
    entry.with_optional("arguments", |arguments| {
        arguments.each(|argument| {
            let name = argument.with("name", |n| n.str().map(str::to_owned))?;
            if let Some(comment) =
                argument.with_optional("comment", |c| c.str().map(str::to_owned))?
            {
                if !comment.is_empty() {
                    doc.params.insert(name, comment);
                }
            }
            Ok(())
        })
    })?;
    entry.with_optional("throws", |throws| {
        throws.each(|thrown| {
            let code = thrown.with("code", |c| {
                let code = c.i64()?;
                i32::try_from(code).map_err(|_| c.error(format_args!("code {code} out of range")))
            })?;
            let name = thrown.with("name", |n| n.str().map(str::to_owned))?;
            let description = thrown
                .with_optional("comment", |c| c.str().map(str::to_owned))?
                .unwrap_or_default();
            doc.throws.push(ThrownError {
                code,
                name,
                description,
            });
            Ok(())
        })
    })?;
    doc.available = entry.with_optional("available", |a| match a.str()? {
        "user" => Ok(Availability::Users),
        "bot" => Ok(Availability::Bots),
        "both" => Ok(Availability::UsersAndBots),
        other => Err(a.error(format_args!(
            "unknown availability `{other}` (expected `user`, `bot` or `both`)"
        ))),
    })?;
    docs.add_reference(kind, &name);
    let map = match kind {
        PageKind::Function => &mut docs.functions,
        _ => &mut docs.constructors,
    };
    map.insert(name, doc);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Documentation, String> {
        let mut docs = Documentation::default();
        docs.add_file("api-schema.json", text)?;
        Ok(docs)
    }

    #[test]
    fn reads_entries_and_types() {
        let docs = read_text(
            r##"{"l":223,"e":[
                {"kind":"method","name":"messages.exportChatInvite","type":"ExportedChatInvite","id":2757090960,
                 "comment":"Export an invite link for a chat",
                 "arguments":[{"name":"flags","type":"#","comment":"Flags"},{"name":"peer","type":"InputPeer"}],
                 "throws":[{"code":400,"name":"CHANNEL_PRIVATE","comment":"You haven't joined this channel/supergroup."}],
                 "available":"user"},
                {"kind":"class","name":"inputPeerEmpty","type":"InputPeer","id":2134579434,"arguments":[]}],
              "u":{"InputPeer":"Peer"}}"##,
        )
        .unwrap();
        assert_eq!(docs.layer, Some(223));
        let f = &docs.functions["messages.exportChatInvite"];
        assert_eq!(f.id, Some(0xa455de90));
        assert_eq!(
            f.description.as_deref(),
            Some("Export an invite link for a chat")
        );
        assert_eq!(f.params["flags"], "Flags");
        assert!(!f.params.contains_key("peer"));
        assert_eq!(f.throws[0].code, 400);
        assert_eq!(f.available, Some(Availability::Users));
        assert!(docs.constructors["inputPeerEmpty"].description.is_none());
        assert_eq!(docs.types["InputPeer"], "Peer");
        assert_eq!(
            docs.reference("messages.RawExportChatInviteRequest"),
            Some((PageKind::Function, "messages.exportChatInvite"))
        );
        assert_eq!(
            docs.reference("TypeInputPeer"),
            Some((PageKind::Type, "InputPeer"))
        );
    }

    #[test]
    fn malformed_entries_are_named() {
        let error = |text| read_text(text).unwrap_err();
        assert_eq!(
            error(r##"{"e":[{"kind":"class","name":"a"},{"kind":"thing","name":"b"}]}"##),
            "e[1].kind: unknown kind `thing` (expected `class` or `method`)"
        );
        assert_eq!(
            error(r##"{"e":[{"kind":"class","name":"a","id":-1}]}"##),
            "e[0].id: ID -1 is not a u32"
        );
        assert_eq!(
            error(r##"{"e":[{"kind":"method","name":"a","throws":[{"code":"400","name":"X"}]}]}"##),
            "e[0].throws[0].code: expected an integer, found a string"
        );
        assert_eq!(
            error(r##"{"e":[{"kind":"method","name":"a","available":"nobody"}]}"##),
            "e[0].available: unknown availability `nobody` (expected `user`, `bot` or `both`)"
        );
        assert_eq!(
            error(r##"{"e":{}}"##),
            "e: expected an array, found an object"
        );
        assert_eq!(error(r##"{"l":-3,"e":[]}"##), "l: layer -3 out of range");
    }
}
