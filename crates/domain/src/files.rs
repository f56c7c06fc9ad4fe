//! What an uploaded file really is, judged by its first bytes, never by the name or
//! the declared content type.

/// The image types accepted for photos.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

/// The file types accepted as attachments (proposals, messages): images, PDF,
/// office documents, zip archives and plain text. Markup that a browser would run
/// (HTML, SVG) is never accepted. `filename` only tells apart the kinds of zip and
/// text; the bytes decide the rest.
pub fn sniff_file(bytes: &[u8], filename: &str) -> Option<&'static str> {
    if let Some(image) = sniff_image(bytes) {
        return Some(image);
    }
    let extension = filename
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(match extension.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _ => "application/zip",
        });
    }
    let text = !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok();
    match (text, extension.as_str()) {
        (true, "txt") => Some("text/plain"),
        (true, "md") => Some("text/markdown"),
        (true, "csv") => Some("text/csv"),
        _ => None,
    }
}

/// A file name safe to store and to send back in Content-Disposition: no folders,
/// no control or quote characters, at most 255 characters.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(255)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_are_judged_by_their_bytes() {
        assert_eq!(
            sniff_file(b"%PDF-1.7 ...", "brief.pdf"),
            Some("application/pdf")
        );
        assert_eq!(
            sniff_file(b"%PDF-1.7 ...", "looks.txt"),
            Some("application/pdf")
        );
        assert_eq!(
            sniff_file(b"PK\x03\x04....", "Proposal.DOCX"),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
        assert_eq!(
            sniff_file(b"PK\x03\x04....", "work.zip"),
            Some("application/zip")
        );
        assert_eq!(
            sniff_file(b"name,rate\nada,40\n", "rates.csv"),
            Some("text/csv")
        );
        assert_eq!(sniff_file(b"<script>alert(1)</script>", "notes.html"), None);
        assert_eq!(sniff_file(b"<svg onload=alert(1)>", "logo.svg"), None);
        assert_eq!(sniff_file(b"MZ\x90\0", "setup.exe"), None);
        assert_eq!(sniff_file(b"plain words", "no-extension"), None);
        assert_eq!(sniff_file(b"\0\0binary", "x.txt"), None);
    }

    #[test]
    fn file_names_lose_folders_and_quotes() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(
            clean_filename("C:\\Users\\me\\cv \"final\".pdf"),
            "cv final.pdf"
        );
        assert_eq!(clean_filename(".hidden"), "hidden");
        assert_eq!(clean_filename("\n"), "file");
    }

    #[test]
    fn images_are_recognised_by_their_magic_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0..JFIF"), Some("image/jpeg"));
        assert_eq!(sniff_image(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff_image(b"GIF89a...."), Some("image/gif"));
    }

    #[test]
    fn anything_else_is_not_an_image() {
        assert_eq!(
            sniff_image(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            None
        );
        assert_eq!(sniff_image(b"%PDF-1.7"), None);
        assert_eq!(sniff_image(b""), None);
        assert_eq!(sniff_image(b"RIFF\x10\0\0\0WAVE"), None);
    }
}
