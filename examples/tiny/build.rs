fn main() {
    tl_codegen::compile_schemas(&["greeting.tl"]).unwrap();
}
