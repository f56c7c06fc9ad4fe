//! The attachment store: where uploaded bytes live. Local disk under the data
//! directory by default; an object store implements the same trait.

use std::io;
use std::path::PathBuf;
use uuid::Uuid;

pub trait AttachmentStore: Send + Sync {
    fn put(&self, id: Uuid, bytes: &[u8]) -> io::Result<()>;
    fn get(&self, id: Uuid) -> io::Result<Vec<u8>>;
    fn delete(&self, id: Uuid) -> io::Result<()>;
}

/// Files under `<root>/<first two hex digits>/<id>`, written atomically (temp file,
/// then rename) so a reader never sees half a file.
#[derive(Debug, Clone)]
pub struct LocalDiskStore {
    root: PathBuf,
}

impl LocalDiskStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, id: Uuid) -> PathBuf {
        let name = id.simple().to_string();
        self.root.join(&name[..2]).join(name)
    }
}

impl AttachmentStore for LocalDiskStore {
    fn put(&self, id: Uuid, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(id);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let temp = path.with_extension("partial");
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, &path)
    }

    fn get(&self, id: Uuid) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(id))
    }

    fn delete(&self, id: Uuid) -> io::Result<()> {
        match std::fs::remove_file(self.path(id)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_put_are_read_back_and_deleted() -> io::Result<()> {
        let root = std::env::temp_dir().join(format!("worklane-store-{}", Uuid::new_v4()));
        let store = LocalDiskStore::new(&root);
        let id = Uuid::new_v4();
        store.put(id, b"hello")?;
        assert_eq!(store.get(id)?, b"hello");
        store.delete(id)?;
        assert!(store.get(id).is_err());
        store.delete(id)?;
        std::fs::remove_dir_all(root)
    }
}
