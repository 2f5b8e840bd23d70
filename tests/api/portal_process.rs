//! The `portal` binary as a separate process on a test's database: started, read, killed.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::{Duration, Instant},
};

use crate::smtp_sink::SmtpSink;

/// A `portal` process and the lines of its log.
pub struct Portal {
    child: Child,
    log: mpsc::Receiver<String>,
}

/// The `portal` binary serving `database_url`, running its jobs every second, with its email
/// through `sink` (or the development mailbox).
pub fn start_portal(database_url: &str, sink: Option<&SmtpSink>) -> Portal {
    start_portal_with(database_url, sink, &[])
}

/// [`start_portal`] with more environment (`TMPDIR`, say).
pub fn start_portal_with(
    database_url: &str,
    sink: Option<&SmtpSink>,
    env: &[(&str, &str)],
) -> Portal {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("PORTAL_") {
            command.env_remove(name);
        }
    }
    command
        .env("PORTAL_DATABASE_URL", database_url)
        .env("PORTAL_BIND", "127.0.0.1:0")
        .env("PORTAL_DEMO", "false")
        .env("PORTAL_JOBS_INTERVAL_SECONDS", "1")
        .env("PORTAL_DATABASE_POOL_SIZE", "4")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(sink) = sink {
        command.envs(sink.settings());
    }
    command.envs(env.iter().copied());
    let mut child = command.spawn().expect("the portal binary runs");
    // Both read all along, so the process never waits on a full pipe.
    let (lines, log) = mpsc::channel();
    let stdout: Box<dyn std::io::Read + Send> = Box::new(child.stdout.take().unwrap());
    let stderr: Box<dyn std::io::Read + Send> = Box::new(child.stderr.take().unwrap());
    for output in [stdout, stderr] {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(output).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
    }
    Portal { child, log }
}

impl Portal {
    /// Kills the process and returns every line it wrote.
    pub fn kill_and_read_log(mut self) -> Vec<String> {
        self.kill_9();
        // The readers end when the pipes close, and with them the channel.
        let log = std::mem::replace(&mut self.log, mpsc::channel().1);
        log.iter().collect()
    }

    /// Waits for a line of output containing `text`; the line.
    pub fn wait_for_log(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no log line with {text:?}: {e}"),
            }
        }
    }

    pub fn kill_9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().unwrap();
    }

    /// Waits until the server answers (and so has its signal handlers); its address.
    pub async fn wait_until_serving(&self) -> String {
        let banner = self.wait_for_log("URL:");
        let address = banner.split_whitespace().last().unwrap().to_owned();
        let health = reqwest::get(format!("{address}/health")).await.unwrap();
        assert_eq!(health.status(), 200);
        address
    }

    /// Sends SIGTERM, as a service manager stops a service.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }
}

/// A test that fails leaves no process behind.
impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
