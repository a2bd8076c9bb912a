//! `Content-Length` framing that survives a client that lies about it.
//!
//! A frame whose header says fewer bytes than its body leaves the rest of the body in front of
//! the next header; one that says more swallows the next message. Both are recovered the same
//! way: the reader looks for the next valid header (`Content-Length: N` ending in `\r\n`) and
//! starts again there. Such a header cannot occur inside a valid JSON body (a raw line break is
//! not allowed inside a JSON string, and the name is not JSON outside one), so a well-formed
//! message is never cut. A header that never ends, or a body that never comes, is waited for
//! only as long as the input stays open: the next valid header or the end of input ends it.

use tokio::io::{AsyncRead, AsyncReadExt};

const MARK: &[u8] = b"Content-Length:";
/// Header blocks longer than this are junk: skipped up to the next header.
const MAX_HEADER: usize = 8 * 1024;
/// Read granularity, and the buffer kept between messages.
const CHUNK: usize = 64 * 1024;

pub(crate) enum Frame {
    /// A message body: `FrameReader::body` holds it until the next call.
    Body,
    /// Bytes that are not a well-framed message (skipped; answer with a parse error).
    Broken,
    /// The input ended.
    End,
}

pub(crate) struct FrameReader<R> {
    input: R,
    buf: Vec<u8>,
    /// Where unread bytes start in `buf`.
    start: usize,
    /// The last body, as a range of `buf`.
    body: std::ops::Range<usize>,
}

enum Header {
    /// A header block ends `len` bytes in; its `Content-Length`, if it had a usable one.
    Complete {
        len: usize,
        length: Option<usize>,
    },
    Incomplete,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub(crate) fn new(input: R) -> Self {
        FrameReader {
            input,
            buf: Vec::with_capacity(CHUNK),
            start: 0,
            body: 0..0,
        }
    }

    /// The body of the last `Frame::Body`.
    pub(crate) fn body(&self) -> &[u8] {
        self.buf.get(self.body.clone()).unwrap_or_default()
    }

    /// Read more input; false when it has ended.
    async fn fill(&mut self) -> bool {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.body = 0..0;
            self.start = 0;
        }
        if self.buf.capacity() - self.buf.len() < CHUNK / 4 {
            self.buf.reserve(CHUNK);
        }
        matches!(self.input.read_buf(&mut self.buf).await, Ok(n) if n > 0)
    }

    /// The next frame.
    pub(crate) async fn next(&mut self) -> Frame {
        self.forget_large_body();
        loop {
            let unread = self.buf.get(self.start..).unwrap_or_default();
            match header(unread) {
                Header::Complete { len, length } => {
                    self.start += len;
                    // A header block without a usable length is skipped (other headers only).
                    if let Some(n) = length {
                        return self.read_body(n).await;
                    }
                }
                Header::Incomplete if unread.len() > MAX_HEADER => {
                    // Junk: keep only from the last possible start of a header.
                    let keep = find_mark(unread.get(1..).unwrap_or_default())
                        .map_or(unread.len().saturating_sub(MARK.len()), |p| p + 1);
                    self.start += keep;
                    return Frame::Broken;
                }
                Header::Incomplete => {
                    if !self.fill().await {
                        return Frame::End;
                    }
                }
            }
        }
    }

    /// Read a body of `length` bytes, unless a valid header turns up inside it first.
    async fn read_body(&mut self, length: usize) -> Frame {
        let mut scanned = 0;
        loop {
            let unread = self.buf.get(self.start..).unwrap_or_default();
            let have = unread.len().min(length);
            // Only a header that is complete (digits and line break) counts; one that starts
            // inside the body may end after it.
            let window = unread.len().min(length.saturating_add(MARK.len() + 24));
            let found = next_header(unread.get(..window).unwrap_or_default(), scanned);
            if let Some(p) = found.filter(|p| *p < length) {
                self.start += p;
                return Frame::Broken;
            }
            if have == length {
                self.body = self.start..self.start + length;
                self.start += length;
                return Frame::Body;
            }
            // A header cut at the end of what arrived is looked at again with more.
            scanned = have.saturating_sub(MARK.len() + 24);
            if !self.fill().await {
                return Frame::End;
            }
        }
    }

    /// A large body's buffer is not kept around between messages.
    fn forget_large_body(&mut self) {
        if self.buf.capacity() > 16 * CHUNK && self.buf.len() - self.start < CHUNK {
            let rest = self.buf.get(self.start..).unwrap_or_default().to_vec();
            self.buf = Vec::with_capacity(CHUNK);
            self.buf.extend_from_slice(&rest);
            self.start = 0;
            self.body = 0..0;
        }
    }
}

/// Every frame of `input` in the order the server reads them: a body, or `None` for bytes
/// skipped as broken. Not part of the API: the framing fuzz target and tests read through it.
pub async fn read_frames<R: AsyncRead + Unpin>(input: R) -> Vec<Option<Vec<u8>>> {
    let mut reader = FrameReader::new(input);
    let mut out = Vec::new();
    loop {
        match reader.next().await {
            Frame::Body => out.push(Some(reader.body().to_vec())),
            Frame::Broken => out.push(None),
            Frame::End => return out,
        }
    }
}

/// Parse a header block at the start of `bytes` (blank lines before it are skipped). A line
/// with junk in front of `Content-Length:` (the tail of a body that was longer than it said)
/// still counts.
fn header(bytes: &[u8]) -> Header {
    let mut at = 0;
    let mut lines = 0;
    let mut length = None;
    while let Some(nl) = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default()) {
        let line = bytes.get(at..at + nl).unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += nl + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            if lines == 0 {
                continue;
            }
            return Header::Complete { len: at, length };
        }
        lines += 1;
        if let Some(p) = find_mark_ci(line) {
            let value = line.get(p + MARK.len()..).unwrap_or_default();
            length = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse().ok());
        }
    }
    Header::Incomplete
}

/// `Content-Length:` in any case.
fn find_mark_ci(line: &[u8]) -> Option<usize> {
    line.windows(MARK.len())
        .position(|w| w.eq_ignore_ascii_case(MARK))
}

fn find_mark(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes, MARK)
}

/// The offset of a complete `Content-Length: N\r\n` in `bytes` at or after `from`.
fn next_header(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = find_mark(bytes.get(at..)?) {
        let mark = at + p;
        let rest = bytes.get(mark + MARK.len()..).unwrap_or_default();
        let spaces = rest.iter().take_while(|b| **b == b' ').count();
        let digits = rest
            .get(spaces..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits > 0 && rest.get(spaces + digits..spaces + digits + 2) == Some(b"\r\n") {
            return Some(mark);
        }
        at = mark + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    async fn read_all(input: &[u8]) -> Vec<Result<String, ()>> {
        let mut r = FrameReader::new(input);
        let mut out = Vec::new();
        loop {
            match r.next().await {
                Frame::Body => out.push(Ok(String::from_utf8_lossy(r.body()).into_owned())),
                Frame::Broken => out.push(Err(())),
                Frame::End => return out,
            }
        }
    }

    #[tokio::test]
    async fn wrong_lengths_resynchronise_on_the_next_header() {
        let a = r#"{"id":1}"#;
        let b = r#"{"id":2}"#;
        // Too short: the tail of the body is junk in front of the next header.
        let short = format!("Content-Length: 3\r\n\r\n{a}{}", frame(b));
        assert_eq!(
            read_all(short.as_bytes()).await,
            vec![Ok(a[..3].to_string()), Ok(b.to_string())]
        );
        // Too long: the next message's header turns up inside the body.
        let long = format!("Content-Length: 40\r\n\r\n{a}{}{}", frame(b), frame(a));
        assert_eq!(
            read_all(long.as_bytes()).await,
            vec![Err(()), Ok(b.to_string()), Ok(a.to_string())]
        );
        // A header with no body, then a message.
        let empty = format!("Content-Length: 10\r\n\r\n{}", frame(b));
        assert_eq!(
            read_all(empty.as_bytes()).await,
            vec![Err(()), Ok(b.to_string())]
        );
        // No length at all (skipped), then a message; lower-case header names are accepted.
        let none = format!("Content-Type: x\r\n\r\ncontent-length: 8\r\n\r\n{b}");
        assert_eq!(read_all(none.as_bytes()).await, vec![Ok(b.to_string())]);
    }

    #[tokio::test]
    async fn a_header_inside_a_json_string_does_not_cut_the_body() {
        let body = r#"{"text":"Content-Length: 12\r\n\r\nhello"}"#;
        assert_eq!(
            read_all(frame(body).as_bytes()).await,
            vec![Ok(body.to_string())]
        );
    }

    #[tokio::test]
    async fn endless_junk_is_skipped() {
        let mut input = vec![b'x'; 3 * MAX_HEADER];
        input.extend_from_slice(frame("{}").as_bytes());
        let out = read_all(&input).await;
        assert_eq!(out.last(), Some(&Ok("{}".to_string())));
    }
}
