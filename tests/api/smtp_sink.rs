//! A real SMTP server in the test process (mailin-embedded on 127.0.0.1) that keeps what it
//! receives.

use std::{
    net::TcpListener,
    sync::{Arc, Mutex},
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

#[derive(Clone, Default)]
struct Collector {
    delivered: Arc<Mutex<Vec<Received>>>,
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
        self.delivered.lock().unwrap().push(received);
        OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    delivered: Arc<Mutex<Vec<Received>>>,
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
            delivered: Arc::default(),
        }
    }

    /// Starts the server on the reserved port (it runs until the test process ends).
    pub fn start(&self) {
        let listener =
            TcpListener::bind(("127.0.0.1", self.port)).expect("the reserved port is free");
        let handler = Collector {
            delivered: self.delivered.clone(),
            ..Collector::default()
        };
        let mut server = Server::new(handler);
        server
            .with_name("sink.test")
            .with_ssl(SslConfig::None)
            .expect("no TLS")
            .with_num_threads(16)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
    }

    pub fn received(&self) -> Vec<Received> {
        self.delivered.lock().unwrap().clone()
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
