//! A real SMTP server in the test process (mailin-embedded on 127.0.0.1) that keeps what it
//! receives. While it is told to hold, it keeps each message it received and does not answer
//! (a sender is then guaranteed to be in the middle of handing it over).

use std::{
    net::TcpListener,
    sync::{Arc, Condvar, Mutex, MutexGuard},
    time::Duration,
};

use mailin_embedded::{Handler, Server, SslConfig, response::OK};

/// One received message: the envelope recipients and the raw message.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: String,
}

impl Received {
    /// A header's value, e.g. `Message-ID`.
    pub fn header(&self, name: &str) -> Option<String> {
        self.raw.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

#[derive(Default)]
struct Inbox {
    delivered: Vec<Received>,
    holding: bool,
    /// Messages received and not answered yet, while holding.
    held: usize,
}

#[derive(Default)]
struct Shared {
    inbox: Mutex<Inbox>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits (at most `timeout`) until `done` holds; whether it does.
    fn wait_until(&self, timeout: Duration, done: impl Fn(&Inbox) -> bool) -> bool {
        let (inbox, _) = self
            .changed
            .wait_timeout_while(self.lock(), timeout, |inbox| !done(inbox))
            .unwrap_or_else(|e| e.into_inner());
        done(&inbox)
    }
}

#[derive(Clone, Default)]
struct Collector {
    shared: Arc<Shared>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let received = Received {
            to: std::mem::take(&mut self.to),
            raw: String::from_utf8_lossy(&std::mem::take(&mut self.data)).into_owned(),
        };
        let mut inbox = self.shared.lock();
        inbox.delivered.push(received);
        if inbox.holding {
            inbox.held += 1;
            self.shared.changed.notify_all();
            let mut inbox = self
                .shared
                .changed
                .wait_while(inbox, |inbox| inbox.holding)
                .unwrap_or_else(|e| e.into_inner());
            inbox.held -= 1;
        }
        self.shared.changed.notify_all();
        OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Shared>,
}

impl SmtpSink {
    /// A port nothing listens on yet: the server is "down" until [`Self::start`].
    pub fn reserve() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        SmtpSink {
            port,
            shared: Arc::default(),
        }
    }

    /// Starts the server on the reserved port (it runs until the test process ends).
    pub fn start(&self) {
        let listener =
            TcpListener::bind(("127.0.0.1", self.port)).expect("the reserved port is free");
        let handler = Collector {
            shared: self.shared.clone(),
            ..Collector::default()
        };
        let mut server = Server::new(handler);
        server
            .with_name("sink.test")
            .with_ssl(SslConfig::None)
            .expect("no TLS")
            // Two portals' pooled connections (16 each) are served at once.
            .with_num_threads(40)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().delivered.clone()
    }

    /// From now on each message is kept but not answered, until [`Self::answer`].
    pub fn hold(&self) {
        self.shared.lock().holding = true;
    }

    /// Answers the held messages (and every later one at once).
    pub fn answer(&self) {
        self.shared.lock().holding = false;
        self.shared.changed.notify_all();
    }

    /// Waits until `count` messages are held unanswered; whether they are within `timeout`.
    pub fn wait_held(&self, count: usize, timeout: Duration) -> bool {
        self.shared.wait_until(timeout, |inbox| inbox.held >= count)
    }

    /// The app's settings for sending through this server.
    pub fn settings(&self) -> [(&'static str, String); 3] {
        [
            ("PORTAL_SMTP_HOST", "127.0.0.1".to_owned()),
            ("PORTAL_SMTP_PORT", self.port.to_string()),
            ("PORTAL_SMTP_SECURITY", "none".to_owned()),
        ]
    }
}
