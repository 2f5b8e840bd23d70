//! The OpenAPI document as a contract: every answer the API tests receive is checked against
//! it ([`check`], called by the tests' API client), and every API route of the portal's
//! table is in it. The document's object schemas are made closed for the check, so a field
//! the document does not describe fails as surely as a missing one.

use std::{cell::RefCell, collections::HashMap};

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use portal::web::{
    api::openapi::Document,
    routes::{Group, table},
};
use serde_json::Value;
use utoipa::OpenApi;

use crate::helpers::spawn_app;

const LOCATION: &str = "https://portal.invalid/api/v1/openapi.json";
const PROBLEM: &str = "application/problem+json";

/// The generated document, as JSON.
fn document() -> Value {
    serde_json::to_value(Document::openapi()).expect("the document serialises")
}

/// `additionalProperties: false` on every object schema that says nothing of it.
fn closed(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(closed);
        }
        Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}

struct Contract {
    document: Value,
    compiler: Compiler,
    schemas: Schemas,
    compiled: HashMap<String, SchemaIndex>,
}

impl Contract {
    fn new() -> Self {
        let mut document = document();
        closed(&mut document);
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        compiler.enable_format_assertions();
        compiler
            .add_resource(LOCATION, document.clone())
            .expect("the document is JSON");
        Self {
            document,
            compiler,
            schemas: Schemas::new(),
            compiled: HashMap::new(),
        }
    }

    /// The documented path template that `path` (without its query) falls under; a fixed
    /// segment wins over a parameter (`/claims/export` before `/claims/{id}`).
    fn template(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.split('/').collect();
        self.document["paths"]
            .as_object()?
            .keys()
            .filter(|template| {
                let parts: Vec<&str> = template.split('/').collect();
                parts.len() == segments.len()
                    && parts
                        .iter()
                        .zip(&segments)
                        .all(|(t, s)| t.starts_with('{') || t == s)
            })
            .min_by_key(|template| template.matches('{').count())
            .cloned()
    }

    /// The JSON pointer of the schema an answer must meet.
    fn pointer(&self, method: &str, path: &str, status: u16, content_type: &str) -> String {
        let escape = |s: &str| s.replace('~', "~0").replace('/', "~1");
        let Some(template) = self.template(path) else {
            // An address the API does not have: its answer is still problem details.
            assert_eq!(content_type, PROBLEM, "{method} {path} answered {status}");
            return "#/components/schemas/Problem".into();
        };
        let operation = &self.document["paths"][&template][method.to_lowercase()];
        let responses = &operation["responses"];
        let status_key = status.to_string();
        let range = format!("{}XX", status / 100);
        let response = [status_key.as_str(), range.as_str(), "default"]
            .into_iter()
            .find(|key| responses.get(*key).is_some())
            .unwrap_or_else(|| {
                panic!("{method} {template}: answer {status} is not in the document")
            });
        assert!(
            responses[response]["content"].get(content_type).is_some(),
            "{method} {template} {status}: content type {content_type} is not in the document"
        );
        format!(
            "#/paths/{}/{}/responses/{response}/content/{}/schema",
            escape(&template),
            method.to_lowercase(),
            escape(content_type)
        )
    }

    fn check(&mut self, method: &str, path: &str, status: u16, content_type: &str, body: &Value) {
        let path = path.split('?').next().unwrap_or_default();
        let pointer = self.pointer(method, path, status, content_type);
        let index = match self.compiled.get(&pointer) {
            Some(index) => *index,
            None => {
                let index = self
                    .compiler
                    .compile(&format!("{LOCATION}{pointer}"), &mut self.schemas)
                    .unwrap_or_else(|e| panic!("{pointer}: {e:#}"));
                self.compiled.insert(pointer.clone(), index);
                index
            }
        };
        if let Err(e) = self.schemas.validate(body, index) {
            panic!("{method} {path} {status} does not meet the document: {e:#}\n{body:#}");
        }
    }
}

/// Panics unless the answer (`status`, `content_type`, JSON `body`) to `method path` is one
/// the OpenAPI document describes.
pub fn check(method: &str, path: &str, status: u16, content_type: &str, body: &Value) {
    // The compiler is not `Send`: each test thread keeps its own.
    thread_local! {
        static CONTRACT: RefCell<Option<Contract>> = const { RefCell::new(None) };
    }
    let content_type = content_type.split(';').next().unwrap_or_default().trim();
    CONTRACT.with_borrow_mut(|contract| {
        contract
            .get_or_insert_with(Contract::new)
            .check(method, path, status, content_type, body)
    });
}

#[actix_web::test]
async fn the_document_is_served_to_anyone_and_describes_every_api_route() {
    let app = spawn_app().await;
    let res = reqwest::get(format!("{}/api/v1/openapi.json", app.address))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let served: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(served, document());
    assert_eq!(served["openapi"], "3.1.0");
    assert!(served["components"]["securitySchemes"]["token"]["scheme"] == "bearer");

    let contract = Contract::new();
    for route in table().iter().filter(|r| r.group == Group::Api) {
        if route.path == "/api/v1/openapi.json" {
            continue;
        }
        let operations = &served["paths"][route.path];
        assert_eq!(
            operations.get("get").is_some(),
            route.reads,
            "{}",
            route.path
        );
        assert_eq!(
            operations.get("post").is_some(),
            route.writes,
            "{}",
            route.path
        );
        assert!(contract.template(route.path).is_some());
    }
}

#[test]
fn an_answer_the_document_does_not_describe_fails_the_check() {
    let mut contract = Contract::new();
    let item = serde_json::json!({"items": [], "undocumented": 1});
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        contract.check("GET", "/api/v1/claims", 200, "application/json", &item)
    }));
    assert!(outcome.is_err(), "an undocumented field must fail");
    let mut contract = Contract::new();
    let wrong_status = serde_json::json!({"items": "none"});
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        contract.check(
            "GET",
            "/api/v1/claims",
            200,
            "application/json",
            &wrong_status,
        )
    }));
    assert!(outcome.is_err(), "a field of the wrong type must fail");
    Contract::new().check(
        "GET",
        "/api/v1/claims",
        200,
        "application/json",
        &serde_json::json!({"items": []}),
    );
}
