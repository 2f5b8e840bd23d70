//! Messages without text: the domain names *what* went wrong by a stable key, and the web
//! layer turns the key into words through its catalogue, so wording and translation never
//! touch the rules. Every key lives in `messages.en`.

/// Something the user may be told: a catalogue key plus the values for its `{name}`
/// placeholders.
pub trait Message {
    /// The catalogue key, for example `"value.mpn_id.not_digits"`.
    fn key(&self) -> &'static str;

    /// Values for the placeholders in the message text, by placeholder name.
    fn args(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// Declares a fieldless enum whose variants have a stable snake_case code (stored in the
/// database and used in forms) and a label key (`<prefix>.<code>`) for display. Serde uses
/// the code, so stored and posted values round-trip through `parse`.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and used in forms and URLs.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value for a stored or posted code; `None` for anything else.
            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.as_str() == code)
            }

            /// The catalogue key of the human-readable name.
            pub fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, ".", $code)),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::domain::errors::Message for $name {
            fn key(&self) -> &'static str {
                self.label_key()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&code).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::custom(concat!("unknown ", stringify!($name), " code"))
                })
            }
        }

        /// A stored code read back: anything but a known code is an error, never a default.
        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::domain::errors::UnknownCode;

            fn try_from(code: String) -> Result<Self, Self::Error> {
                Self::parse(&code).ok_or($crate::domain::errors::UnknownCode {
                    kind: stringify!($name),
                    code,
                })
            }
        }
    };
}

pub(crate) use code_enum;

/// A stored code that no value of `kind` has (a damaged row or a newer schema).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code {code:?}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}
