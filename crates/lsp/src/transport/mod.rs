//! The wire: JSON-RPC messages framed with `Content-Length` over a byte stream (stdio, or a
//! duplex pipe in tests), around tower-lsp's `LspService`.
//!
//! It does what `tower_lsp_server::Server` does, except for diagnostics: `publishDiagnostics` and the
//! response to `textDocument/diagnostic` are serialised straight from the document's analysis
//! into the output buffer. tower-lsp turns every outgoing payload into a `serde_json::Value`
//! tree first (a map and key strings per diagnostic, range, position and link) and only then
//! into a string: for the ~4,800 diagnostics of a 2 MB story bank that round trip alone took
//! ~30 ms and ~40 MB of heap per keystroke. Everything else still goes through tower-lsp.
//!
//! Framing (`framing`) resynchronises on the next valid header when a client gets
//! `Content-Length` wrong, and answers the broken frame with a parse error.
//!
//! Ordering is tower-lsp's: messages are handed on in arrival order and at most `CONCURRENCY`
//! are in flight. A `textDocument/diagnostic` request is one of those tasks, so it sees every
//! change received before it.

mod framing;

use crate::document::{Analysis, WireAll};
use crate::handlers::diagnostics::Report;
use crate::Backend;
pub use framing::read_frames;
use framing::{Frame, FrameReader};
use futures::channel::mpsc as task_channel;
use futures::future::{self, BoxFuture};
use futures::stream::{self, StreamExt};
use futures::{FutureExt, SinkExt};
use serde::{Deserialize, Serialize};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::{ClientSocket, Loopback, LspService};
use tower_service::Service;

/// How many client messages are handled at once (tower-lsp's default).
const CONCURRENCY: usize = 4;
/// Messages read ahead of the handlers.
const TASK_QUEUE: usize = 100;
/// Messages waiting to be written.
const OUT_QUEUE: usize = 64;
/// Room kept in front of each message for its `Content-Length` header.
const HEADER_ROOM: usize = 48;

/// Something to write to the client.
pub(crate) enum Out {
    /// A response tower-lsp produced.
    Response(Response),
    /// A request or notification to the client, from tower-lsp's `Client`.
    Request(Request),
    /// `textDocument/publishDiagnostics`: the analysis' diagnostics, or none (a closed document).
    Publish {
        uri: Uri,
        version: Option<i32>,
        analysis: Option<Arc<Analysis>>,
        /// Diagnostics from outside the analysis: the workspace bank's.
        extra: Vec<tower_lsp_server::ls_types::Diagnostic>,
    },
    /// The response to a `textDocument/diagnostic` request.
    Pull { id: Id, report: Report },
}

#[derive(Serialize)]
struct Notification<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

#[derive(Serialize)]
struct PublishParams<'a> {
    uri: &'a Uri,
    diagnostics: WireAll<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

#[derive(Serialize)]
struct Reply<'a, R> {
    jsonrpc: &'static str,
    id: &'a Id,
    result: R,
}

impl Out {
    /// Append this message's JSON to `buf`.
    fn write_json(&self, buf: &mut Vec<u8>) -> serde_json::Result<()> {
        match self {
            Out::Response(r) => serde_json::to_writer(buf, r),
            Out::Request(r) => serde_json::to_writer(buf, r),
            Out::Publish {
                uri,
                version,
                analysis,
                extra,
            } => serde_json::to_writer(
                buf,
                &Notification {
                    jsonrpc: "2.0",
                    method: "textDocument/publishDiagnostics",
                    params: PublishParams {
                        uri,
                        diagnostics: WireAll(analysis.as_deref(), extra),
                        version: *version,
                    },
                },
            ),
            Out::Pull { id, report } => serde_json::to_writer(
                buf,
                &Reply {
                    jsonrpc: "2.0",
                    id,
                    result: report,
                },
            ),
        }
    }
}

/// A message from the client (responses first, as tower-lsp reads them).
#[derive(Deserialize)]
#[serde(untagged)]
enum Incoming {
    Response(Response),
    Request(Request),
}

type Task = BoxFuture<'static, Option<Out>>;

/// Serve the language server on `input` / `output` until the client says `exit` or closes
/// `input`. True when the client asked for `shutdown` first (the exit code is 0 then, 1
/// otherwise, as the spec says).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let (out_tx, out_rx) = mpsc::channel::<Out>(OUT_QUEUE);
    let (service, socket) = {
        let out = out_tx.clone();
        LspService::new(move |client| Backend::new(client, out))
    };
    let backend = service.inner().clone();
    let (requests, responses) = socket.split();
    let (requests, abort_requests) = stream::abortable(requests);
    let (tasks_tx, tasks_rx) = task_channel::channel::<Task>(TASK_QUEUE);

    let forward_requests = {
        let out = out_tx.clone();
        requests.for_each(move |r| {
            let out = out.clone();
            async move {
                let _ = out.send(Out::Request(r)).await;
            }
        })
    };
    let run_tasks = {
        let out = out_tx.clone();
        tasks_rx
            .buffer_unordered(CONCURRENCY)
            .for_each(move |message| {
                let out = out.clone();
                async move {
                    if let Some(message) = message {
                        let _ = out.send(message).await;
                    }
                }
            })
    };
    // When reading stops (`exit`, or the input ended), so does everything still running: a
    // handler waiting for a client that never answers must not keep the server alive.
    let (run_tasks, abort_tasks) = future::abortable(run_tasks);
    let read = async move {
        let shut_down = read_loop(input, service, backend, responses, tasks_tx, out_tx).await;
        abort_requests.abort();
        abort_tasks.abort();
        shut_down
    };
    let (shut_down, (), _, ()) = tokio::join!(
        read,
        forward_requests,
        run_tasks,
        write_loop(output, out_rx)
    );
    shut_down
}

/// Read client messages and hand them on, until the input ends or the service has exited.
/// True when the client had asked for `shutdown`.
async fn read_loop<I: AsyncRead + Unpin>(
    input: I,
    service: LspService<Backend>,
    backend: Backend,
    responses: <ClientSocket as Loopback>::ResponseSink,
    tasks: task_channel::Sender<Task>,
    out: mpsc::Sender<Out>,
) -> bool {
    let shut_down = backend.clone();
    read_messages(input, service, backend, responses, tasks, out).await;
    // Every sender of `out` held here is dropped by now, so the writer can finish.
    shut_down.was_shut_down()
}

async fn read_messages<I: AsyncRead + Unpin>(
    input: I,
    mut service: LspService<Backend>,
    backend: Backend,
    mut responses: <ClientSocket as Loopback>::ResponseSink,
    mut tasks: task_channel::Sender<Task>,
    out: mpsc::Sender<Out>,
) {
    let mut input = FrameReader::new(input);
    if future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
        return;
    }
    loop {
        let message = match input.next().await {
            Frame::End => break,
            Frame::Broken => {
                let error = Response::from_error(Id::Null, Error::parse_error());
                let _ = out.send(Out::Response(error)).await;
                continue;
            }
            Frame::Body => serde_json::from_slice::<Incoming>(input.body()),
        };
        let request = match message {
            Ok(Incoming::Request(r)) => r,
            Ok(Incoming::Response(r)) => {
                if responses.send(r).await.is_err() {
                    break;
                }
                continue;
            }
            Err(e) => {
                let error = if e.is_data() {
                    Error::invalid_request()
                } else {
                    Error::parse_error()
                };
                let _ = out
                    .send(Out::Response(Response::from_error(Id::Null, error)))
                    .await;
                continue;
            }
        };
        let task: Task = if request.method() == "textDocument/diagnostic" && request.id().is_some()
        {
            let backend = backend.clone();
            async move { backend.pull(request).await }.boxed()
        } else {
            let call = service.call(request);
            async move { call.await.ok().flatten().map(Out::Response) }.boxed()
        };
        if tasks.send(task).await.is_err() {
            break;
        }
        // After `exit` the service refuses everything: stop reading (the client may keep its
        // end of the pipe open).
        if future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
            break;
        }
    }
}

/// Write messages as they come, flushing whenever the queue is empty. One buffer is reused for
/// every message (a large bank's diagnostics are megabytes: no fresh allocation per keystroke).
async fn write_loop<O: AsyncWrite + Unpin>(mut output: O, mut rx: mpsc::Receiver<Out>) {
    let mut frame: Vec<u8> = Vec::new();
    while let Some(message) = rx.recv().await {
        frame.clear();
        frame.resize(HEADER_ROOM, b' ');
        if message.write_json(&mut frame).is_err() {
            continue;
        }
        let header = format!("Content-Length: {}\r\n\r\n", frame.len() - HEADER_ROOM);
        let Some(start) = HEADER_ROOM.checked_sub(header.len()) else {
            continue;
        };
        let Some(slot) = frame.get_mut(start..HEADER_ROOM) else {
            continue;
        };
        slot.copy_from_slice(header.as_bytes());
        let Some(bytes) = frame.get(start..) else {
            continue;
        };
        if output.write_all(bytes).await.is_err() {
            break;
        }
        if rx.is_empty() && output.flush().await.is_err() {
            break;
        }
    }
    let _ = output.flush().await;
}

/// Frames up to this size (a pipe's default buffer) are first tried on the non-blocking pipe.
const SMALL_FRAME: usize = 64 * 1024;

/// Stdin and stdout for `serve`.
///
/// tokio's `stdout()` hands every write to a blocking thread, and waking that thread was about
/// a fifth of a keystroke's latency on a 300-word story. So when stdout is a pipe it is opened
/// a second time, non-blocking (its own file description: fd 1 stays blocking), and a small
/// frame is written with one plain `write` right away when the pipe has room. Anything else
/// (large frames, a full pipe) goes through tokio's blocking writer, which waits for the
/// reader inside the kernel. The non-blocking description is not registered with the event
/// loop: a registered pipe woke the loop each time the reader drained it, which cost a 1.6 MB
/// publish ~1.5 ms.
pub(crate) fn stdio() -> (tokio::io::Stdin, Box<dyn AsyncWrite + Unpin + Send>) {
    let output: Box<dyn AsyncWrite + Unpin + Send> = match stdout_pipe() {
        Some(small) => Box::new(SplitOutput::new(small, tokio::io::stdout())),
        None => Box::new(tokio::io::stdout()),
    };
    (tokio::io::stdin(), output)
}

/// Stdout opened anew, non-blocking, when it is a pipe (`O_NONBLOCK` at open also means no
/// wait when the client has already gone).
#[cfg(target_os = "linux")]
fn stdout_pipe() -> Option<std::fs::File> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open("/proc/self/fd/1")
        .ok()?;
    file.metadata()
        .ok()
        .filter(|m| m.file_type().is_fifo())
        .map(|_| file)
}

#[cfg(not(target_os = "linux"))]
fn stdout_pipe() -> Option<std::fs::File> {
    None
}

/// One output reached through two writers: `small` (non-blocking, written synchronously) takes
/// a frame of up to `SMALL_FRAME` bytes when it can; everything else goes to `large`. Before
/// `small` writes again, `large` is flushed, so bytes arrive in the order they were written.
pub(crate) struct SplitOutput<S, L> {
    small: S,
    large: L,
    /// `large` took bytes not flushed yet.
    large_pending: bool,
}

impl<S, L> SplitOutput<S, L> {
    pub(crate) fn new(small: S, large: L) -> Self {
        SplitOutput {
            small,
            large,
            large_pending: false,
        }
    }
}

impl<S: std::io::Write + Unpin, L: AsyncWrite + Unpin> AsyncWrite for SplitOutput<S, L> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        if buf.len() <= SMALL_FRAME {
            if this.large_pending {
                ready!(Pin::new(&mut this.large).poll_flush(cx))?;
                this.large_pending = false;
            }
            match this.small.write(buf) {
                Ok(n) if n > 0 => return Poll::Ready(Ok(n)),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        this.large_pending = true;
        Pin::new(&mut this.large).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.large_pending {
            ready!(Pin::new(&mut this.large).poll_flush(cx))?;
            this.large_pending = false;
        }
        Poll::Ready(this.small.flush())
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use std::sync::Mutex;
    use tokio::io::AsyncWriteExt;

    /// Writes straight into `out`, `room` bytes at most, then would block (a non-blocking pipe).
    struct Direct(Arc<Mutex<Vec<u8>>>, usize);
    /// Keeps what it is given until flushed (like tokio's blocking writer).
    struct Held(Arc<Mutex<Vec<u8>>>, Vec<u8>);

    impl std::io::Write for Direct {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            let n = b.len().min(self.1);
            if n == 0 {
                return Err(std::io::ErrorKind::WouldBlock.into());
            }
            self.1 -= n;
            self.0.lock().unwrap().extend_from_slice(&b[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl AsyncWrite for Held {
        fn poll_write(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            b: &[u8],
        ) -> Poll<std::io::Result<usize>> {
            self.1.extend_from_slice(b);
            Poll::Ready(Ok(b.len()))
        }
        fn poll_flush(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            let held = std::mem::take(&mut self.1);
            self.0.lock().unwrap().extend_from_slice(&held);
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            self.poll_flush(cx)
        }
    }

    #[tokio::test]
    async fn split_output_keeps_the_order_of_small_and_large_frames() {
        let out = Arc::new(Mutex::new(Vec::new()));
        // The pipe has room for the first small frame and half of the third one.
        let mut w = SplitOutput::new(Direct(out.clone(), 5), Held(out.clone(), Vec::new()));
        let large = vec![b'L'; SMALL_FRAME + 1];
        w.write_all(b"s1").await.unwrap();
        w.write_all(&large).await.unwrap();
        w.write_all(b"s2345").await.unwrap();
        w.write_all(&large).await.unwrap();
        w.write_all(b"s6").await.unwrap();
        w.flush().await.unwrap();
        let mut want = b"s1".to_vec();
        want.extend_from_slice(&large);
        want.extend_from_slice(b"s2345");
        want.extend_from_slice(&large);
        want.extend_from_slice(b"s6");
        assert!(*out.lock().unwrap() == want);
    }
}
