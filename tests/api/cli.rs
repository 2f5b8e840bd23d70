//! The `portal` command line: help for every command, the version, a bad setting stopping
//! every command in one line, and README.md's configuration table kept equal to what
//! `portal serve --help` prints.

use std::{
    collections::{BTreeMap, BTreeSet},
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

/// Runs `portal args` with only `vars` of the `PORTAL_*` variables, in an empty directory,
/// and stops it if it is still running after 30 s (a command that should have failed, served).
fn portal(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let dir = std::env::temp_dir().join(format!("portal-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("PORTAL_") {
            command.env_remove(name);
        }
    }
    let mut child = command
        .args(args)
        .envs(vars.iter().copied())
        .env("COLUMNS", "1000")
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the portal binary runs");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(dir);
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Exits 0 and prints to standard output only.
fn help(args: &[&str]) -> String {
    let output = portal(args, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
    assert_eq!(stderr(&output), "", "{args:?}");
    stdout(&output)
}

#[test]
fn every_command_has_help_and_the_portal_a_version() {
    let version = help(&["--version"]);
    assert_eq!(version, format!("portal {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(help(&["-V"]), version);

    for args in [&["--help"][..], &["-h"], &["help"]] {
        let text = help(args);
        assert!(text.contains("Usage: portal [COMMAND]"), "{text}");
        for command in ["serve", "create-admin", "backup", "seed", "--version"] {
            assert!(text.contains(command), "{args:?} lists {command}: {text}");
        }
        assert!(text.contains("portal serve --help"), "{text}");
    }

    for args in [&["create-admin", "--help"][..], &["help", "create-admin"]] {
        let text = help(args);
        for shown in [
            "Usage: portal create-admin [OPTIONS] --email <EMAIL>",
            "--name <NAME>",
            "[default: Administrator]",
            "standard input",
            "PORTAL_DATABASE_URL",
        ] {
            assert!(text.contains(shown), "{args:?} shows {shown}: {text}");
        }
    }

    let text = help(&["backup", "--help"]);
    for shown in [
        "Usage: portal backup <PATH>",
        "must not exist",
        "pg_dump",
        "PORTAL_DATABASE_URL",
    ] {
        assert!(text.contains(shown), "backup --help shows {shown}: {text}");
    }

    let text = help(&["seed", "--help"]);
    for shown in [
        "Usage: portal seed [OPTIONS]",
        "--claims <N>",
        "--organisations <M>",
        "[default: 100]",
        "--ready-drafts <K>",
        "1_000_000",
        "PORTAL_DATABASE_URL",
    ] {
        assert!(text.contains(shown), "seed --help shows {shown}: {text}");
    }
    assert_eq!(help(&["seed", "-h"]).lines().next(), text.lines().next());

    let text = help(&["serve", "--help"]);
    assert!(text.contains("Usage: portal serve [OPTIONS]"), "{text}");
    assert!(text.contains("--database-url <URL>"), "{text}");
    assert!(
        text.contains("[env: PORTAL_DATABASE_POOL_SIZE=]\n          [default: 4]"),
        "{text}"
    );
}

#[test]
fn serve_help_never_shows_a_secret() {
    let output = portal(
        &["serve", "--help"],
        &[
            (
                "PORTAL_DATABASE_URL",
                "postgres://portal:db-secret@db/portal",
            ),
            (
                "PORTAL_SESSION_KEY",
                "session-secret-0123456789abcdef0123456789",
            ),
            ("PORTAL_SMTP_PASSWORD", "smtp-secret"),
            (
                "PORTAL_METRICS_TOKEN",
                "metrics-secret-0123456789abcdef0123456789",
            ),
            ("PORTAL_BIND", "127.0.0.2:9000"),
        ],
    );
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(!text.contains("secret"), "{text}");
    for hidden in [
        "PORTAL_DATABASE_URL",
        "PORTAL_SESSION_KEY",
        "PORTAL_SMTP_PASSWORD",
        "PORTAL_METRICS_TOKEN",
    ] {
        assert!(text.contains(&format!("[env: {hidden}]")), "{text}");
    }
    assert!(
        text.contains("[env: PORTAL_BIND=127.0.0.2:9000]"),
        "other values are shown: {text}"
    );
}

/// The only output is `portal: configuration error: NAME: …`, and the exit code is 2.
fn assert_stopped_naming(output: &Output, name: &str, context: &str) {
    let said = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{context}: {said}");
    assert_eq!(stdout(output), "", "{context}");
    assert_eq!(said.lines().count(), 1, "{context}: one line: {said}");
    assert!(
        said.starts_with(&format!("portal: configuration error: {name}: ")),
        "{context}: {said}"
    );
}

#[test]
fn a_bad_setting_stops_every_command_in_one_line_naming_it() {
    let commands: [&[&str]; 5] = [
        &[],
        &["serve"],
        &["create-admin", "--email", "admin@vendor.example"],
        &["backup", "copy.db"],
        // Accepted as a number (the setting is what stops it).
        &["seed", "--claims", "1_000_000", "--ready-drafts", "1_000"],
    ];
    for (variable, value, problem) in [
        ("PORTAL_DATABASE_POOL_SIZE", "0", "must be at least 1"),
        (
            "PORTAL_BIND",
            "not-an-address",
            "`not-an-address` is not a valid value",
        ),
        ("PORTAL_LOG_FORMAT", "xml", "`xml` is not `human` or `json`"),
    ] {
        for args in commands {
            let output = portal(args, &[(variable, value)]);
            let context = format!("{variable}={value} portal {args:?}");
            assert_stopped_naming(&output, variable, &context);
            assert!(stderr(&output).trim_end().ends_with(problem), "{context}");
        }
    }
    let output = portal(
        &["serve", "--upload-max-mb", "0"],
        &[("PORTAL_UPLOAD_MAX_MB", "20")],
    );
    assert_stopped_naming(&output, "--upload-max-mb", "a flag is named as given");
    let output = portal(
        &["serve", "--smtp-host", "smtp.example", "--smtp-port=-1"],
        &[],
    );
    assert_stopped_naming(&output, "--smtp-port", "a flag is named as given");
    let output = portal(
        &["seed", "--claims", "many"],
        &[("PORTAL_DATABASE_POOL_SIZE", "0")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("'--claims <N>'"),
        "{}",
        stderr(&output)
    );
}

/// `(variable, default)` for each setting `portal serve --help` lists.
fn settings_in_serve_help() -> BTreeMap<String, Option<String>> {
    let text = help(&["serve", "--help"]);
    let mut settings = BTreeMap::new();
    // One block per option: from its `--flag` line to the next.
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("--") || line.trim_start().starts_with("-h") {
            blocks.push(String::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push_str(line.trim());
            block.push(' ');
        }
    }
    for block in blocks {
        let Some(env) = bracketed(&block, "[env: ") else {
            continue;
        };
        let name = env.split('=').next().unwrap().to_owned();
        let default = bracketed(&block, "[default: ").map(|d| d.trim_matches('"').to_owned());
        settings.insert(name, default);
    }
    settings
}

fn bracketed<'a>(text: &'a str, open: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(']')? + start;
    Some(&text[start..end])
}

/// `(variable, default cell)` for each `PORTAL_*` row of README.md's configuration table.
fn settings_in_readme() -> BTreeMap<String, String> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("\n## Configuration\n")
        .nth(1)
        .expect("README.md has a Configuration section");
    let section = section.split("\n## ").next().unwrap();
    let mut settings = BTreeMap::new();
    for row in section.lines().filter(|l| l.starts_with("| `PORTAL_")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (names, default) = (cells[1], cells[2]);
        for name in names.split(',').map(|n| n.trim().trim_matches('`')) {
            settings.insert(name.to_owned(), default.to_owned());
        }
    }
    settings
}

#[test]
fn the_readme_configuration_table_is_what_serve_help_says() {
    let help = settings_in_serve_help();
    let readme = settings_in_readme();
    assert!(help.len() >= 20, "{help:?}");
    let in_help: BTreeSet<_> = help.keys().collect();
    let in_readme: BTreeSet<_> = readme.keys().collect();
    assert_eq!(
        in_help.difference(&in_readme).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "in `portal serve --help` but not in README.md's table"
    );
    assert_eq!(
        in_readme.difference(&in_help).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "in README.md's table but not in `portal serve --help`"
    );
    for (name, cell) in &readme {
        let shown = help[name]
            .as_deref()
            .unwrap_or_else(|| panic!("{name}: serve --help shows no default"));
        // The README's default is its text without backticks, or its first `value` when
        // the rest explains it (`587` (`465` with `tls`)).
        let plain = cell.replace('`', "");
        let first = cell
            .strip_prefix('`')
            .and_then(|rest| rest.split('`').next())
            .unwrap_or(&plain);
        assert!(
            shown == plain || shown == first || shown.starts_with(&format!("{first} ")),
            "{name}: README.md says {cell}, serve --help says {shown}"
        );
    }
}
