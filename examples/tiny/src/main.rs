//! A crate with its own schema: `greeting.tl` is compiled by `build.rs` into Rust types.
//!
//! Run: `cargo run -p tl-example-tiny`

mod tl {
    include!(concat!(env!("OUT_DIR"), "/tl.rs"));
}

use tl::{enums, functions, types};
use tl_runtime::{BoxedDecode, BoxedEncode, Identifiable, RemoteCall};

fn main() {
    let ada = types::Person {
        name: "Ada".into(),
        age: 36,
        friends: vec![],
    };
    let call = functions::Greet {
        greeting: types::Greeting {
            flags: 0,
            loud: true,
            text: "hello".into(),
            to: Some(ada.into()),
        }
        .into(),
    };
    let bytes = call.to_boxed_bytes().unwrap();
    println!(
        "greet#{:08x}: {} bytes",
        functions::Greet::CONSTRUCTOR_ID,
        bytes.len()
    );

    // A server would decode the call, then answer with the function's answer type.
    let received = functions::Greet::from_boxed_bytes(&bytes).unwrap();
    assert_eq!(received, call);
    let answer: <functions::Greet as RemoteCall>::Answer =
        enums::Greeting::Farewell(types::Farewell { text: "bye".into() });
    let answer_bytes = answer.to_boxed_bytes().unwrap();
    println!(
        "answer: {:?}",
        enums::Greeting::from_boxed_bytes(&answer_bytes).unwrap()
    );
}
