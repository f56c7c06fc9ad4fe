//! Fingerprints the migrations so test templates are rebuilt whenever they change.
use std::path::Path;

fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for byte in bytes {
        *hash ^= u64::from(*byte);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            println!("cargo:rerun-if-changed={}", entry.path().display());
            if let Ok(inner) = std::fs::read_dir(entry.path()) {
                for file in inner.flatten() {
                    files.push(file.path());
                }
            }
        }
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        fnv1a(&mut hash, file.to_string_lossy().as_bytes());
        fnv1a(&mut hash, &std::fs::read(&file).unwrap_or_default());
    }
    println!("cargo:rustc-env=WORKLANE_MIGRATIONS_HASH={hash:016x}");
}
