//! `tl id 'DEFINITION'`

use super::IdRuleArg;

pub const EXAMPLES: &str = "Examples:\n  tl id 'inputPhoto id:long access_hash:long file_reference:bytes = InputPhoto'\n    0x3bb3b94a\n  tl id --id-rule literal 'liteServer.query data:bytes = Object'\n    0x798c06df\n\nAn explicit #id in the definition is ignored; the trailing `;` is optional.";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// One TL declaration, e.g. `msgs_ack msg_ids:Vector<long> = MsgsAck`.
    #[arg(value_name = "DEFINITION")]
    pub definition: String,
    /// How to compute the ID: `telegram` (bytes hashes as string) or `literal` (TON).
    #[arg(long, value_enum, default_value = "telegram", value_name = "RULE")]
    pub id_rule: IdRuleArg,
}

pub fn run(args: &Args) -> i32 {
    match tl_parser::parse_definition(&args.definition, args.id_rule.into()) {
        Ok(def) => match super::lines::write_stdout(&format!("{:#010x}\n", def.computed_id)) {
            Ok(()) => 0,
            Err(code) => code,
        },
        Err(diags) => {
            for d in diags {
                say!("{d}\n");
            }
            1
        }
    }
}
