//! The transport's `Content-Length` framing on arbitrary bytes, arriving in arbitrary pieces:
//! it ends (no hang, no panic) and never yields more frames than there are bytes; and messages
//! framed correctly behind any junk are read back whole, however the input is cut.
//!
//! Input: the first byte sets the read size pattern, the second how many well-framed JSON
//! messages follow the junk; the rest is the junk, then the messages' bodies.
#![no_main]

use futures::executor::block_on;
use libfuzzer_sys::fuzz_target;
use starlint_lsp::read_frames;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};

/// Hands out `data` in pieces of 1..=`step` bytes (varying), as a pipe might.
struct Pieces<'a> {
    data: &'a [u8],
    step: usize,
    turn: usize,
}

impl AsyncRead for Pieces<'_> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        self.turn += 1;
        let n = (self.turn * 7 % self.step + 1)
            .min(self.data.len())
            .min(buf.remaining());
        let (now, later) = self.data.split_at(n);
        buf.put_slice(now);
        self.data = later;
        Poll::Ready(Ok(()))
    }
}

fuzz_target!(|data: &[u8]| {
    let [step, messages, rest @ ..] = data else {
        return;
    };
    let step = usize::from(*step) * 97 % 70_000 + 1;
    let read = |bytes: &[u8]| {
        block_on(read_frames(Pieces {
            data: bytes,
            step,
            turn: 0,
        }))
    };

    // Arbitrary bytes: ends, and each frame consumed at least one byte.
    let frames = read(rest);
    assert!(frames.len() <= rest.len() + 1);

    // Well-framed messages, however the input is cut, come back whole and in order. Each body
    // is a JSON string (no raw line break can occur in one), so none can hold a header.
    let count = usize::from(*messages % 8);
    let cut = rest.len() / (count + 1);
    let (junk, bodies) = rest.split_at(rest.len() - cut * count);
    let mut framed = Vec::new();
    let mut want = Vec::new();
    for chunk in bodies.chunks(cut.max(1)).take(count) {
        let body = format!(
            "{{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{:?}}}",
            String::from_utf8_lossy(chunk)
        );
        framed.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        framed.extend_from_slice(body.as_bytes());
        want.push(body.into_bytes());
    }
    let frames = read(&framed);
    let got: Vec<&Vec<u8>> = frames.iter().flatten().collect();
    assert_eq!(got, want.iter().collect::<Vec<_>>(), "well-framed messages were cut");

    // Behind junk, when the bytes are all there: a header inside a body the junk declared is
    // found, so the messages after it come back whole, after whatever the junk's frames were.
    // (Arriving in pieces, a body the junk declared short enough is complete before the next
    // header arrives: that is taken as the body, as it must be, and may cut the next message.)
    let mut stream = junk.to_vec();
    stream.extend_from_slice(b"\r\n\r\n");
    stream.extend_from_slice(&framed);
    let frames = block_on(read_frames(stream.as_slice()));
    let got: Vec<&Vec<u8>> = frames.iter().flatten().collect();
    let tail = got.len().saturating_sub(want.len());
    assert_eq!(
        got.get(tail..).unwrap_or_default(),
        want.iter().collect::<Vec<_>>().as_slice(),
        "well-framed messages after junk were lost or cut"
    );
});
