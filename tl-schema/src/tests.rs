//! One test per decided rule (named in the crate documentation).

use crate::{ParamKind, Schema, Ty};

const PRELUDE: &str = "int ? = Int;\ntrue = True;\nboolTrue = Bool;\nboolFalse = Bool;\n\
vector {t:Type} # [ t ] = Vector t;\nobject ? = Object;\n";

fn schema(files: &[&str]) -> Schema {
    let parsed: Vec<tl_parser::Schema> = files
        .iter()
        .map(|text| tl_parser::parse("t.tl", text, &Default::default()).schema)
        .collect();
    Schema::new(&parsed.iter().collect::<Vec<_>>())
}

fn param<'s>(schema: &'s Schema, name: &str, param: &str) -> &'s ParamKind {
    let c = &schema.combinators[schema.with_name(name)[0]];
    &c.params.iter().find(|p| p.name == param).unwrap().kind
}

fn ty<'s>(schema: &'s Schema, name: &str, p: &str) -> &'s Ty {
    match param(schema, name, p) {
        ParamKind::Value { ty, .. } => ty,
        other => panic!("{other:?}"),
    }
}

fn problems(schema: &Schema, name: &str) -> Vec<String> {
    schema.combinators[schema.with_name(name)[0]]
        .problems
        .clone()
}

#[test]
fn rule_percent_true_is_bare() {
    let s = schema(&[&format!(
        "{PRELUDE}foo a:int b:%True c:True = Foo;\nbar flags:# d:flags.0?true = Bar;"
    )]);
    assert_eq!(ty(&s, "foo", "b"), &Ty::True { boxed: false });
    assert_eq!(ty(&s, "foo", "c"), &Ty::True { boxed: true });
    assert_eq!(s.combinators[s.with_name("foo")[0]].min_len, 8);
    assert!(matches!(param(&s, "bar", "d"), ParamKind::FlagTrue { .. }));
    assert!(problems(&s, "foo").is_empty());
}

#[test]
fn rule_builtin_constructors_are_provided() {
    let s = schema(&[PRELUDE]);
    let bool_true = &s.combinators[s.with_name("boolTrue")[0]];
    assert!(bool_true.provided);
    assert_eq!(bool_true.id, 0x997275b5);
    assert!(
        s.with_name("true").is_empty(),
        "`true = True;` is a builtin declaration"
    );
    assert_eq!(s.generated_types().count(), 0);
    assert!(
        s.with_name("int").is_empty(),
        "builtin declarations are no definitions"
    );
}

#[test]
fn rule_percent() {
    let s = schema(&[&format!(
        "{PRELUDE}one a:int = One;\ntwoA = Two;\ntwoB = Two;\n\
         x a:%One b:%one = X;\ny a:%Two = Y;\nz a:%Bool = Z;\nw a:%Object = W;"
    )]);
    let one = s.with_name("one")[0];
    assert_eq!(ty(&s, "x", "a"), &Ty::Bare(one));
    assert_eq!(ty(&s, "x", "b"), &Ty::Bare(one));
    assert_eq!(
        problems(&s, "y"),
        ["`%Two` needs exactly one constructor, `Two` has 2"]
    );
    assert_eq!(problems(&s, "z"), ["`%Bool` has no single constructor"]);
    assert_eq!(problems(&s, "w"), ["`%Object` has no single constructor"]);
}

#[test]
fn rule_vector_of_object() {
    let s = schema(&[&format!(
        "{PRELUDE}bar v:Vector<Object> = Bar;\nbaz v:vector<object> = Baz;\nqux v:Vector<int> = Qux;"
    )]);
    for name in ["bar", "baz"] {
        let problems = problems(&s, name);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("of `Object` is not supported"),
            "{problems:?}"
        );
    }
    assert!(problems(&s, "qux").is_empty());
}

#[test]
fn rule_any_value() {
    let s = schema(&[&format!(
        "{PRELUDE}t o:object f:function g:Function = T;\n---functions---\nq x:int = Object;"
    )]);
    for p in ["o", "f", "g"] {
        assert_eq!(ty(&s, "t", p), &Ty::AnyValue);
    }
    assert_eq!(s.combinators[s.with_name("q")[0]].result, Ty::Object);
}

#[test]
fn rule_object_length() {
    let s = schema(&[
        "message msg_id:long seqno:int bytes:int body:Object = Message;\n\
         other bytes:int rest:int = Other;",
    ]);
    assert_eq!(param(&s, "message", "bytes"), &ParamKind::ObjectLength);
    assert_eq!(ty(&s, "other", "bytes"), &Ty::Int);
    assert_eq!(s.combinators[s.with_name("message")[0]].min_len, 16);
}

#[test]
fn rule_type_scope() {
    let api = "message#94345242 id:int = Message;\nmessageEmpty#90a6ca84 id:int = Message;\n\
               box m:Message = Box;";
    let mtproto = "message msg_id:long seqno:int bytes:int body:Object = Message;\n\
                   msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;";
    let s = schema(&[api, mtproto]);
    assert_eq!(s.with_name("message").len(), 2);
    let Ty::Vector { element, .. } = ty(&s, "msg_container", "messages") else {
        panic!()
    };
    let Ty::Bare(c) = **element else {
        panic!("{element:?}")
    };
    assert_eq!(s.combinators[c].file, 1);
    // api.tl's `Message` is its own two constructors.
    let Ty::Boxed(t) = ty(&s, "box", "m") else {
        panic!()
    };
    assert_eq!(s.types[*t].constructors.len(), 2);

    // Without a name collision, a type is the union over the files.
    let s = schema(&["a = T;\nuse x:T = Use;", "b = T;"]);
    let Ty::Boxed(t) = ty(&s, "use", "x") else {
        panic!()
    };
    assert_eq!(s.types[*t].constructors.len(), 2);
    assert_eq!(s.generated_types().count(), 2, "T and Use");
}

#[test]
fn rule_flags() {
    let s = schema(&[&format!(
        "{PRELUDE}x flags:# a:flags.0?true b:flags.1?Vector<long> flags2:# c:flags2.31?int = X;"
    )]);
    let c = &s.combinators[s.with_name("x")[0]];
    assert_eq!(c.flag_words, 2);
    let ParamKind::Value {
        flag: Some(flag), ..
    } = param(&s, "x", "c")
    else {
        panic!()
    };
    assert_eq!(
        (flag.holder.as_str(), flag.word, flag.bit, flag.mask()),
        ("flags2", 1, 31, 1 << 31)
    );
    assert_eq!(c.min_len, 8);
}

#[test]
fn rule_min_len() {
    let s = schema(&[&format!(
        "{PRELUDE}salt a:int b:long = Salt;\nsalts v:vector<salt> s:%Salt = Salts;\n\
         node#1 flags:# next:flags.0?node = Node;\nrpc id:long result:Object = Rpc;"
    )]);
    assert_eq!(s.combinators[s.with_name("salts")[0]].min_len, 16);
    let node = &s.combinators[s.with_name("node")[0]];
    assert!(node.bare_cycle);
    assert_eq!(node.min_len, 0);
    assert_eq!(s.combinators[s.with_name("rpc")[0]].min_len, 8);
}

#[test]
fn generics_and_function_results() {
    let s = schema(&[&format!(
        "{PRELUDE}---functions---\ninvokeWithLayer#da9b0d0d {{X:Type}} layer:int query:!X = X;\n\
         bad x:!int = Int;\nget a:int = Nowhere;"
    )]);
    assert_eq!(ty(&s, "invokeWithLayer", "query"), &Ty::Generic("X".into()));
    assert_eq!(
        s.combinators[s.with_name("invokeWithLayer")[0]].result,
        Ty::Generic("X".into())
    );
    assert_eq!(problems(&s, "get"), ["result: unknown type `Nowhere`"]);
}

#[test]
fn bare_names() {
    let s = schema(&[&format!(
        "{PRELUDE}a x:int = A;\nb v:a w:nothing = B;\n---functions---\nf = A;\ng x:f = A;"
    )]);
    assert_eq!(ty(&s, "b", "v"), &Ty::Bare(s.with_name("a")[0]));
    assert_eq!(
        problems(&s, "b"),
        ["unknown constructor `nothing` used as a bare type"]
    );
    assert!(problems(&s, "g")[0].contains("is a function, not a constructor"));
}

#[test]
fn rule_object_position() {
    let s = schema(&[&format!(
        "{PRELUDE}rpc id:long result:Object = Rpc;\n\
         message msg_id:long seqno:int bytes:int body:Object = Message;\n\
         mid a:Object b:int = Mid;\nopt flags:# a:flags.0?Object = Opt;\n\
         tail flags:# a:Object b:flags.0?true = Tail;"
    )]);
    assert_eq!(ty(&s, "rpc", "result"), &Ty::Object);
    assert_eq!(ty(&s, "message", "body"), &Ty::Object);
    assert_eq!(ty(&s, "mid", "a"), &Ty::AnyValue);
    assert_eq!(ty(&s, "opt", "a"), &Ty::AnyValue);
    assert_eq!(ty(&s, "tail", "a"), &Ty::Object);
}
