//! What both benches share: reading criterion's results back for their ratio tables.

/// The median of one benchmark, in nanoseconds, from criterion's saved estimates under
/// `CRITERION_HOME` (or `target/criterion`, where `cargo bench` in `benches/` puts them).
pub fn median_ns(group: &str, function: &str) -> Option<f64> {
    let dir = std::env::var_os("CRITERION_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "target/criterion".into());
    median_ns_in(&dir, group, function)
}

/// The median of one benchmark, in nanoseconds, from the criterion results in `dir`.
pub fn median_ns_in(dir: &std::path::Path, group: &str, function: &str) -> Option<f64> {
    let text =
        std::fs::read_to_string(dir.join(group).join(function).join("new/estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

pub fn human(ns: f64) -> String {
    match ns {
        ns if ns < 1e3 => format!("{ns:.1} ns"),
        ns if ns < 1e6 => format!("{:.2} µs", ns / 1e3),
        ns => format!("{:.2} ms", ns / 1e6),
    }
}
