-- +goose Up
-- Every list of people is sorted by name without regard to case (lower(name), then id). The
-- index on the name as typed served no such order; this one serves it within an organisation
-- instead of a sort of all its employees.
DROP INDEX employees_org_name;
CREATE INDEX employees_org_lower_name ON employees (org_id, lower(name), id);

-- +goose Down
DROP INDEX employees_org_lower_name;
CREATE INDEX employees_org_name ON employees (org_id, name);
