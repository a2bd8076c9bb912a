//! Reading inputs: files and stdin as text. Valid UTF-8 is taken as it is (a BOM and CRLF line
//! endings stay: the engine handles them); anything else is decoded as Windows-1252.

use crate::check::{Job, Message};
use crate::walk::{io_text, Input};
use std::io::Read as Read_;
use std::path::Path;

/// A text to lint and what reading it found out.
#[derive(Debug)]
pub struct Source {
    pub text: String,
    /// The bytes were not valid UTF-8 and were decoded as Windows-1252: never write it back.
    pub lossy: bool,
    /// xxh3 of the raw bytes, for the result cache.
    pub content_hash: u128,
}

/// What reading an input gave.
#[derive(Debug)]
pub enum Read {
    Text(Source),
    /// Over the size limit (`[files] max-size`): this many bytes (at least), not read.
    TooLarge(u64),
}

/// Read a file, unless it is larger than `limit` bytes.
/// Only a regular file (or a symlink to one) is opened: a FIFO or device would block or never end.
pub fn read_file(path: &Path, limit: Option<u64>) -> std::io::Result<Read> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a FIFO, socket or device)",
        ));
    }
    if limit.is_some_and(|l| meta.len() > l) {
        return Ok(Read::TooLarge(meta.len()));
    }
    // Read through `take`: the file may have grown since its size was looked at.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    read_limited(std::fs::File::open(path)?, limit, &mut bytes)
}

/// Read all of stdin, unless it is larger than `limit` bytes.
pub fn read_stdin(limit: Option<u64>) -> std::io::Result<Read> {
    read_limited(std::io::stdin().lock(), limit, &mut Vec::new())
}

fn read_limited(
    input: impl Read_,
    limit: Option<u64>,
    bytes: &mut Vec<u8>,
) -> std::io::Result<Read> {
    let cap = limit.map_or(u64::MAX, |l| l.saturating_add(1));
    input.take(cap).read_to_end(bytes)?;
    let size = bytes.len() as u64;
    if limit.is_some_and(|l| size > l) {
        return Ok(Read::TooLarge(size));
    }
    Ok(Read::Text(decode(std::mem::take(bytes))))
}

/// Decode bytes: UTF-8 when valid, else Windows-1252 (which maps every byte to a character).
pub fn decode(bytes: Vec<u8>) -> Source {
    let content_hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Source {
            text,
            lossy: false,
            content_hash,
        },
        Err(e) => {
            let bytes = e.into_bytes();
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            Source {
                text: text.into_owned(),
                lossy: true,
                content_hash,
            }
        }
    }
}

/// Read a job's text; an unreadable file becomes an error line.
pub(crate) fn read_job(job: &Job, messages: &mut Vec<Message>) -> Option<Source> {
    let limit = job.profile.max_size();
    let read = match &job.input {
        Input::Stdin => read_stdin(limit),
        Input::File(path) => read_file(path, limit),
    };
    let read = match read {
        Ok(Read::Text(source)) => Ok(source),
        Ok(Read::TooLarge(size)) => {
            let limit = limit.unwrap_or_default();
            messages.push(Message::Error(format!(
                "{}: {}",
                job.display,
                starlint_lint::config::too_large(size, limit)
            )));
            return None;
        }
        Err(e) => Err(e),
    };
    match read {
        Ok(source) => {
            if source.lossy {
                messages.push(Message::Warning(format!(
                    "{}: not valid UTF-8; read as Windows-1252",
                    job.display
                )));
            }
            Some(source)
        }
        Err(e) => {
            messages.push(Message::Error(format!(
                "{}: cannot read: {}",
                job.display,
                io_text(&e)
            )));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_bytes_decode() {
        let s = decode(b"caf\xe9 \x93quoted\x94".to_vec());
        assert!(s.lossy);
        assert_eq!(s.text, "café \u{201c}quoted\u{201d}");
    }

    #[test]
    fn utf8_with_bom_is_kept() {
        let s = decode("\u{feff}# Title\r\n".as_bytes().to_vec());
        assert!(!s.lossy);
        assert_eq!(s.text, "\u{feff}# Title\r\n");
    }
}
