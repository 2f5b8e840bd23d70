DROP TABLE sign_in_failures;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE location_programmes;
DROP TABLE partner_locations;
DROP TABLE organisations;
