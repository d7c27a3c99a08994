//! Placeholder while the frame benchmark is written.
fn main() {}
