//! An API client for the tests: a token (or none), a language, JSON in and out, and
//! `Idempotency-Key` when asked for.

use crate::api_contract::check;
use serde_json::Value;

use crate::helpers::{TestApp, multipart_body};

/// One API answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts an RFC 9457 problem of `status` and `kind`.
    pub fn assert_problem(&self, status: u16, kind: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(self.body["status"], status);
        assert_eq!(self.body["type"], format!("/api/v1/problems/{kind}"));
    }

    /// The `(field, message)` pairs of a problem's `errors`.
    pub fn field_errors(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        (
                            e["field"].as_str().unwrap_or_default().to_owned(),
                            e["message"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The message of the first error about `field`.
    pub fn error_of(&self, field: &str) -> String {
        self.field_errors()
            .into_iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m)
            .unwrap_or_else(|| panic!("no error for {field}: {}", self.body))
    }
}

/// A caller of the API.
pub struct Api {
    base: String,
    token: Option<String>,
    language: String,
    client: reqwest::Client,
}

impl Api {
    pub fn new(app: &TestApp, token: Option<&str>, language: &str) -> Self {
        Self {
            base: app.address.clone(),
            token: token.map(str::to_owned),
            language: language.to_owned(),
            client: reqwest::Client::new(),
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("Accept-Language", &self.language);
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        request
    }

    pub async fn get(&self, path: &str) -> Answer {
        answer("GET", path, self.request(reqwest::Method::GET, path)).await
    }

    /// POST with a JSON (or any) body, and an `Idempotency-Key` when `key` is given.
    pub async fn post(&self, path: &str, body: &str, key: Option<&str>) -> Answer {
        let mut request = self
            .request(reqwest::Method::POST, path)
            .header("Content-Type", "application/json")
            .body(body.to_owned());
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        answer("POST", path, request).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Answer {
        self.post(path, &body.to_string(), None).await
    }

    /// POST of files as `multipart/form-data` (field name, file name, content).
    pub async fn post_files(
        &self,
        path: &str,
        files: &[(&str, &str, Vec<u8>)],
        key: Option<&str>,
    ) -> Answer {
        self.post_multipart(path, &[], files, key).await
    }

    /// POST of text fields and files as `multipart/form-data`.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, Vec<u8>)],
        key: Option<&str>,
    ) -> Answer {
        let (content_type, body) = multipart_body(fields, files);
        let mut request = self
            .request(reqwest::Method::POST, path)
            .header("Content-Type", content_type)
            .body(body);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        answer("POST", path, request).await
    }
}

/// The answer, checked against the OpenAPI document ([`check`]).
async fn answer(method: &str, path: &str, request: reqwest::RequestBuilder) -> Answer {
    let res = request.send().await.unwrap();
    let (status, headers) = (res.status().as_u16(), res.headers().clone());
    let text = res.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status} {e}: {text}"))
    };
    if !body.is_null() {
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        check(method, path, status, content_type, &body);
    }
    Answer {
        status,
        headers,
        body,
    }
}
