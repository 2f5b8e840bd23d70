# Which language a person sees: the switch on every page, the account page, the invitation's
# language.

language-switch-label = Display language
language-switch-submit = Change
language-browser = Use the browser's language

account-title = Your account
account-name = Name
account-email = Email address
account-role = Role
account-organisation = Partner organisation
account-no_organisation = None (programme team)
account-language-legend = Language for pages and emails
account-language-hint = The portal's pages and the emails it sends you are written in this language.
account-language-error = Choose a language
account-save = Save
flash-account_saved = Your account settings were saved.

admin-users-language = Language of the invitation and the account
admin-users-language_hint = The invitation email is written in this language, and the user sees the portal in it until they choose another.
admin-changes-user-language_changed = Language changed
