DROP INDEX claims_tenant_status;
CREATE INDEX claims_tenant ON claims (tenant_id);
DROP INDEX claims_waiting;
